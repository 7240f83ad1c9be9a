;;; copydesk-eglot.el --- copydesk with Eglot  -*- lexical-binding: t; -*-
;; Eglot is built into Emacs 29; on Emacs 28 install it from GNU ELPA
;; (M-x package-install RET eglot) or Debian's elpa-eglot.
;; Needs `copydesk' on PATH (cargo install copydesk) or an absolute path below.

(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               '((markdown-mode gfm-mode text-mode git-commit-mode message-mode)
                 . ("copydesk" "lsp" :initializationOptions (:debounceMs 50)))))

;; Settings (sent as workspace/didChangeConfiguration, under "copydesk"):
;; severity per rule id or family: "off", "hint", "info", "warning", "error".
(setq-default eglot-workspace-configuration
              '(:copydesk (:severity (:editorializing/intensifier "info") :debounceMs 50)))

;; Start copydesk in prose buffers.  text-mode-hook also runs for modes
;; derived from text-mode (Org, for one), so plain text is checked by name.
(dolist (hook '(markdown-mode-hook gfm-mode-hook git-commit-mode-hook message-mode-hook))
  (add-hook hook #'eglot-ensure))
(add-hook 'text-mode-hook
          (lambda () (when (eq major-mode 'text-mode) (eglot-ensure))))

;; Quick fixes: M-x eglot-code-actions (or eglot-code-quickfix) on a flagged word.
;;; copydesk-eglot.el ends here
