;;; eglot-e2e.el --- end-to-end test of copydesk-eglot.el  -*- lexical-binding: t; -*-
;; Run by tests/editor_emacs.rs; by hand, with copydesk on PATH:
;;   emacs --batch -q -l editors/emacs/test/eglot-e2e.el
;; Loads the README's Eglot snippet as is, opens a draft, waits for the
;; diagnostics, checks codes and positions, applies the "said" quick fix
;; through Eglot and checks the text changed and the diagnostic cleared.
;; Prints "ok N - ..." lines and "emacs-e2e: N passed, M failed"; exits 1 on failure.

(require 'eglot)
(require 'flymake)
(require 'json)

(defvar e2e-passed 0)
(defvar e2e-timeout (string-to-number (or (getenv "COPYDESK_E2E_TIMEOUT") "30")))

(defun e2e-out (fmt &rest args)
  (princ (concat (apply #'format fmt args) "\n")))

(defun e2e-ok (fmt &rest args)
  (setq e2e-passed (1+ e2e-passed))
  (e2e-out "ok %d - [emacs %s, eglot] %s" e2e-passed emacs-version (apply #'format fmt args)))

(defun e2e-wait (what pred)
  (let ((deadline (+ (float-time) e2e-timeout)) (result nil) (last nil))
    (while (and (not (setq result (condition-case err (funcall pred) (error (setq last err) nil))))
                (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (or result (error "timed out after %ss waiting for %s (last: %S)" e2e-timeout what last))))

(defun e2e-diagnostics ()
  "copydesk's Flymake diagnostics as sorted \"rule@line:col\" strings (1-based)."
  (sort
   (delq nil
         (mapcar (lambda (d)
                   (let ((text (flymake-diagnostic-text d)))
                     (when (string-match "\\`copydesk \\[\\([^]]+\\)\\]" text)
                       (save-excursion
                         (goto-char (flymake-diagnostic-beg d))
                         (format "%s@%d:%d" (match-string 1 text) (line-number-at-pos) (1+ (current-column)))))))
                 (flymake-diagnostics)))
   #'string<))

(defun e2e-expected (file)
  "What `copydesk check' reports on FILE, in the same form."
  (with-temp-buffer
    (unless (eq 0 (call-process "copydesk" nil (list t nil) nil "check" "--format" "json" "--fail-on" "never" file))
      (error "copydesk check failed: %s" (buffer-string)))
    (goto-char (point-min))
    (let* ((json-object-type 'alist) (json-array-type 'list)
           (findings (alist-get 'findings (json-read))))
      (sort (mapcar (lambda (f) (format "%s@%d:%d" (alist-get 'rule f) (alist-get 'line f) (alist-get 'column f))) findings)
            #'string<))))

(defun e2e-wait-diagnostics (what expected)
  (e2e-wait (format "%s: %S" what expected)
            (lambda () (let ((got (e2e-diagnostics)))
                         (if (equal got expected) got (error "diagnostics are %S" got))))))

(defun e2e-run ()
  (unless (executable-find "copydesk")
    (error "copydesk is not on PATH"))
  (load (expand-file-name "../copydesk-eglot.el" (file-name-directory load-file-name)) nil t)
  (unless (assoc '(markdown-mode gfm-mode text-mode git-commit-mode message-mode) eglot-server-programs)
    (error "the snippet did not register copydesk with Eglot: %S" (car eglot-server-programs)))
  (e2e-ok "loaded copydesk-eglot.el")
  (let* ((dir (make-temp-file "copydesk-emacs-" t))
         (file (expand-file-name "draft.txt" dir)))
    (with-temp-file file
      (insert "The mayor claimed that the budget was balanced.\n\nIt was very cold.\n\nCritics say the plan will fail.\n\nUnemployment rose to 7.2 percent.\n"))
    (let ((expected (e2e-expected file)))
      (dolist (rule '("editorializing/said-synonym" "editorializing/intensifier" "attribution/weasel-attribution" "figures/unsourced-percentage"))
        (unless (seq-some (lambda (k) (string-prefix-p (concat rule "@") k)) expected)
          (error "copydesk check does not report %s: %S" rule expected)))
      (find-file file)
      (unless (eq major-mode 'text-mode) (error "draft.txt opened in %s" major-mode))
      ;; eglot-ensure connects on the next command; batch Emacs runs none.
      (run-hooks 'post-command-hook)
      (e2e-wait "Eglot to manage the draft" (lambda () (and (bound-and-true-p eglot--managed-mode) (eglot-current-server))))
      (e2e-ok "the text-mode hook started copydesk through eglot-ensure")
      (e2e-wait-diagnostics "the initial diagnostics" expected)
      (e2e-ok "Flymake diagnostics: %s" (string-join expected " "))
      ;; The quick fix, through Eglot's code actions.
      (goto-char (point-min))
      (search-forward "claimed")
      (backward-word)
      (forward-char 2)
      (let* ((actions (eglot-code-actions (point) (1+ (point)) "quickfix"))
             (said (seq-find (lambda (a) (string-match-p "said" (plist-get a :title))) actions)))
        (unless said (error "no \"said\" quick fix among %S" (mapcar (lambda (a) (plist-get a :title)) actions)))
        (eglot--apply-workspace-edit (plist-get said :edit))
        (e2e-wait "the fix" (lambda () (string-prefix-p "The mayor said that" (buffer-string))))
        ;; Eglot sends the change and Flymake re-checks on idle timers, and
        ;; batch Emacs is never idle: do what those timers do.
        (eglot--signal-textDocument/didChange)
        (flymake-start)
        (e2e-wait-diagnostics "after the fix" (seq-remove (lambda (k) (string-prefix-p "editorializing/said-synonym@" k)) expected))
        (e2e-ok "applied %S: the text changed and its diagnostic cleared" (plist-get said :title))))))

(let ((code 0))
  (condition-case err
      (progn (e2e-run) (e2e-out "emacs-e2e: %d passed, 0 failed" e2e-passed))
    (error
     (e2e-out "not ok %d - %s" (1+ e2e-passed) (error-message-string err))
     (e2e-out "emacs-e2e: %d passed, 1 failed" e2e-passed)
     (setq code 1)))
  (ignore-errors (eglot-shutdown-all))
  (kill-emacs code))

;;; eglot-e2e.el ends here
