;;; copydesk-lsp-mode.el --- copydesk with lsp-mode  -*- lexical-binding: t; -*-
;; lsp-mode from MELPA (or Debian's elpa-lsp-mode).  Needs `copydesk' on PATH
;; (cargo install copydesk).  copydesk runs as an add-on beside any other
;; server for the same buffer (marksman, say).

(with-eval-after-load 'lsp-mode
  (add-to-list 'lsp-language-id-configuration '(gfm-mode . "markdown"))
  (add-to-list 'lsp-language-id-configuration '(git-commit-mode . "git-commit"))
  (add-to-list 'lsp-language-id-configuration '(message-mode . "plaintext"))
  ;; Settings (sent as workspace/didChangeConfiguration, under "copydesk").
  (lsp-register-custom-settings
   '(("copydesk.debounceMs" 50)
     ("copydesk.severity.editorializing/intensifier" "info")))
  (lsp-register-client
   (make-lsp-client
    :new-connection (lsp-stdio-connection '("copydesk" "lsp"))
    :activation-fn (lsp-activate-on "markdown" "plaintext" "git-commit")
    :initialization-options (lambda () (list :debounceMs 50))
    :server-id 'copydesk
    :add-on? t
    :priority -1)))

(dolist (hook '(markdown-mode-hook gfm-mode-hook git-commit-mode-hook message-mode-hook))
  (add-hook hook #'lsp-deferred))
(add-hook 'text-mode-hook
          (lambda () (when (eq major-mode 'text-mode) (lsp-deferred))))

;; Quick fixes: M-x lsp-execute-code-action (s-l a a) on a flagged word.
;;; copydesk-lsp-mode.el ends here
