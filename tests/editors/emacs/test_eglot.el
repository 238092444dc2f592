;;; test_eglot.el --- batch test of editors/emacs/copydesk.el with eglot  -*- lexical-binding: t -*-
;;
;;   COPYDESK_BIN=target/debug/copydesk STORY_EXT=md emacs --batch -Q -l tests/editors/emacs/test_eglot.el
;;
;; Configures Emacs as the README tells a user to (load-path, `copydesk-setup', settings in
;; `eglot-workspace-configuration'), opens the fixture story (.md: markdown-mode, .txt:
;; text-mode), waits for copydesk's flymake diagnostics, applies each expected quick fix with
;; `eglot-code-actions' (the code-action menu answered like a user picking the title), checks
;; the line and that the diagnostic cleared, then runs `copydesk-fix-all' (FIX_ALL=save:
;; saves with `copydesk-fix-all-on-save-mode' on) and checks the whole buffer.  Tested with Debian 12's emacs-nox 28.2 + elpa-eglot 1.9.  Exit 0 = pass.
(require 'package)
;; -Q drops site-lisp: point package.el at Debian's elpa-* packages (eglot, markdown-mode).
(when (file-directory-p "/usr/share/emacs/site-lisp/elpa")
  (add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa"))
(package-initialize)
(require 'subr-x)
(require 'cl-lib)

(defvar test-here (file-name-directory (expand-file-name (or load-file-name buffer-file-name))))
(defvar test-repo (expand-file-name "../../../" test-here))
(defvar test-timeout (string-to-number (or (getenv "TEST_TIMEOUT") "15")))
(defvar test-expect
  (with-temp-buffer
    (insert-file-contents (expand-file-name "../fixture/expect.json" test-here))
    (json-parse-buffer :object-type 'plist :null-object nil :false-object :json-false
                       :array-type 'list)))

(defun test-log (fmt &rest args)
  (princ (concat (apply #'format fmt args) "\n") #'external-debugging-output))

(defun test-finish (ok msg)
  (test-log "%s: %s" (if ok "PASS" "FAIL") msg)
  (unless ok
    (dolist (buffer (buffer-list)) ; eglot's log of the LSP messages and the server's stderr
      (when (string-match-p "\\`\\*EGLOT.*events\\*\\'" (buffer-name buffer))
        (test-log "--- %s\n%s" (buffer-name buffer)
                  (with-current-buffer buffer
                    (buffer-substring-no-properties (max (point-min) (- (point-max) 4000)) (point-max)))))))
  (dolist (servers (ignore-errors (hash-table-values eglot--servers-by-project)))
    (dolist (server servers) (ignore-errors (eglot-shutdown server))))
  (kill-emacs (if ok 0 1)))

(defun test-wait (pred)
  "Pump the event loop until PRED is non-nil or `test-timeout' seconds pass."
  (let ((deadline (+ (float-time) test-timeout)) result)
    (while (progn
             ;; Batch Emacs never goes idle, so eglot's idle timer that sends didChange and
             ;; flymake's change timer never fire: run both by hand, as idleness would.
             (when (and (bound-and-true-p eglot--managed-mode)
                        (fboundp 'eglot--signal-textDocument/didChange))
               (eglot--signal-textDocument/didChange))
             (when (bound-and-true-p flymake-mode) (flymake-start))
             (and (not (setq result (funcall pred)))
                  (< (float-time) deadline)))
      (accept-process-output nil 0.05))
    result))

(defun test-lines () (split-string (buffer-substring-no-properties (point-min) (point-max)) "\n"))

(defun test-line-number (text)
  "1-based number of the line that reads TEXT, or nil."
  (let ((n (cl-position text (test-lines) :test #'equal))) (and n (1+ n))))

(defun test-diagnostic (rule line)
  "The flymake diagnostic of copydesk RULE on LINE (eglot shows `copydesk [rule]: message')."
  (cl-find-if (lambda (d)
                (and (string-match-p (format "\\`copydesk \\[%s\\]" (regexp-quote rule))
                                     (flymake-diagnostic-text d))
                     (= line (line-number-at-pos (flymake-diagnostic-beg d)))))
              (flymake-diagnostics)))

(defun test-describe ()
  (mapconcat (lambda (d) (format "%d: %s" (line-number-at-pos (flymake-diagnostic-beg d))
                                 (flymake-diagnostic-text d)))
             (flymake-diagnostics) "; "))

;; The user's configuration, as editors/emacs/README.md has it.
(add-to-list 'load-path (expand-file-name "editors/emacs" test-repo))
(require 'copydesk)
(setq copydesk-program (or (getenv "COPYDESK_BIN")
                           (expand-file-name "target/debug/copydesk" test-repo)))
(copydesk-setup)
(setq-default eglot-workspace-configuration
              (list :copydesk (plist-get (plist-get test-expect :settings) :copydesk)))
(setq copydesk-fix-all-on-save (equal (getenv "FIX_ALL") "save"))
(setq eglot-sync-connect t
      flymake-no-changes-timeout nil)

(condition-case err
    (let* ((dir (make-temp-file "copydesk-eglot" t))
           (file (expand-file-name (concat "story." (or (getenv "STORY_EXT") "md")) dir))
           (severity (intern (concat "eglot-" (if (equal (plist-get test-expect :severity) "info")
                                                   "note"
                                                 (plist-get test-expect :severity)))))
           (on-save (equal (getenv "FIX_ALL") "save"))
           (how (if on-save "save-buffer with copydesk-fix-all-on-save" "copydesk-fix-all"))
           expected)
      (make-directory (expand-file-name ".git" dir)) ; a project root, as in a repository
      (copy-file (expand-file-name "../fixture/story.md" test-here) file)
      (find-file file)
      (setq expected (test-lines))
      (test-log "emacs %s, eglot %s, %s" emacs-version
                (or (ignore-errors (package-desc-version (cadr (assq 'eglot package-alist)))) "built in")
                major-mode)
      ;; eglot-ensure connects from post-command-hook, which batch mode never runs.
      (run-hooks 'post-command-hook)
      (unless (test-wait #'eglot-current-server)
        (test-finish nil "eglot did not connect"))
      (let ((first t))
        (dolist (fix (plist-get test-expect :quickfixes))
          (let* ((rule (plist-get fix :rule))
                 (title (plist-get fix :title))
                 (after (plist-get fix :after))
                 (n (or (test-line-number (plist-get fix :line))
                        (test-finish nil (format "story has no line %S" (plist-get fix :line)))))
                 (d (or (test-wait (lambda () (test-diagnostic rule n)))
                        (test-finish nil (format "no %s diagnostic on line %d; have: %s"
                                                 rule n (test-describe))))))
            (test-log "diagnostic line %d: %S (%s)" n (flymake-diagnostic-text d) (flymake-diagnostic-type d))
            (when (and first (not (eq (flymake-diagnostic-type d) severity)))
              (test-finish nil (format "severity from the settings not applied: %s" (flymake-diagnostic-type d))))
            (setq first nil)
            ;; M-x eglot-code-actions on the diagnostic, picking the title from the menu.
            (goto-char (flymake-diagnostic-beg d))
            ;; As if typed: eglot uses a popup menu for mouse events (and for batch mode's
            ;; nil last event), the minibuffer for keys.
            (cl-letf ((last-nonmenu-event ?\C-m)
                      ((symbol-function 'completing-read)
                       (lambda (_prompt items &rest _)
                         (test-log "menu: %S" (mapcar #'car items))
                         title)))
              (eglot-code-actions (flymake-diagnostic-beg d) (flymake-diagnostic-end d) "quickfix" t))
            (setq expected (if after
                               (append (cl-subseq expected 0 (1- n)) (list after) (nthcdr n expected))
                             (append (cl-subseq expected 0 (1- n))
                                     (nthcdr (+ n -1 (or (plist-get fix :removes) 1)) expected))))
            (unless (test-wait (lambda () (equal (test-lines) expected)))
              (test-finish nil (format "quick fix %S not applied; buffer:\n%s" title (buffer-string))))
            (test-log "applied %S; line %d: %s" title n (nth (1- n) (test-lines)))
            (unless (test-wait (lambda () (null (test-diagnostic rule n))))
              (test-finish nil (format "%s diagnostic not cleared: %s" rule (test-describe)))))))
      ;; Where the fix-all changes land, found before it runs.
      (let ((targets
             (mapcar (lambda (change)
                       (let ((n (or (test-line-number (plist-get change :line))
                                    (test-finish nil (format "story has no line %S" (plist-get change :line))))))
                         (unless (test-wait (lambda () (test-diagnostic (plist-get change :rule) n)))
                           (test-finish nil (format "no %s diagnostic on line %d before the fix-all: %s"
                                                    (plist-get change :rule) n (test-describe))))
                         (cons n (plist-get change :after))))
                     (plist-get test-expect :fixAll))))
        (if (not on-save)
            (copydesk-fix-all)
          (unless copydesk-fix-all-on-save-mode
            (test-finish nil "copydesk-fix-all-on-save did not turn on copydesk-fix-all-on-save-mode"))
          (save-buffer))
        (dolist (target targets) (setf (nth (1- (car target)) expected) (cdr target)))
        (unless (test-wait (lambda () (equal (test-lines) expected)))
          (test-finish nil (format "%s did not give the expected text:\n%s" how (buffer-string))))
        (when (and on-save (not (equal (with-temp-buffer (insert-file-contents file) (test-lines)) expected)))
          (test-finish nil "the saved file is not the fixed text"))
        (dolist (target targets) (test-log "after %s, line %d: %s" how (car target) (cdr target))))
      (unless (test-wait (lambda () (null (flymake-diagnostics))))
        (test-finish nil (format "diagnostics left after %s: %s" how (test-describe))))
      (test-finish t (format "diagnostics shown, quick fixes applied, diagnostics cleared, %s applied" how)))
  (error (test-finish nil (format "error: %S" err))))
