;;; copydesk.el --- copydesk news-copy checker through eglot  -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "27.1") (eglot "1.9"))
;; Keywords: wp, languages, tools
;; SPDX-License-Identifier: MIT OR Apache-2.0

;;; Commentary:

;; copydesk does a newsroom copy desk's first pass on news copy: one name spelt two ways,
;; names and brands in the wrong case, boilerplate dragged in from web pages, spacing
;; slips.  This file connects Emacs to its language server (`copydesk lsp') through eglot;
;; the server decides everything, this is plumbing.
;;
;;   (add-to-list 'load-path "/path/to/copydesk/editors/emacs")
;;   (require 'copydesk)
;;   (copydesk-setup)            ; eglot for markdown-mode, gfm-mode and text-mode
;;
;; Settings live where eglot keeps every server's settings, in
;; `eglot-workspace-configuration' (globally or in .dir-locals.el), under `:copydesk':
;;
;;   (setq-default eglot-workspace-configuration
;;                 '(:copydesk (:configPath nil
;;                              :rules (:boilerplate (:enabled :json-false)
;;                                      :capitalization (:severity "info")))))
;;
;; They reach the server as initializationOptions and in workspace/didChangeConfiguration.
;; Findings show through flymake; quick fixes through `eglot-code-actions' (and
;; `eglot-code-action-quickfix' on newer eglot).  `copydesk-fix-all' applies every safe fix
;; in the buffer; `copydesk-fix-all-on-save-mode' does it before each save (everywhere with
;; `copydesk-fix-all-on-save').

;;; Code:

(require 'eglot)
(require 'cl-lib)

(defgroup copydesk nil
  "copydesk: a copy desk's first pass on news copy."
  :group 'tools
  :prefix "copydesk-")

(defcustom copydesk-program "copydesk"
  "The copydesk binary: a name on `exec-path' or a file name.  Run as PROGRAM lsp."
  :type 'string)

(defcustom copydesk-major-modes
  '((markdown-mode . "markdown") (gfm-mode . "markdown") (text-mode . "plaintext"))
  "Major modes checked by copydesk, each with the LSP language id it is sent as.
Takes effect at `copydesk-setup'.  With eglot before 1.16 one server
sends one language id for all its buffers: the id of the mode of the
first buffer it was started for."
  :type '(alist :key-type symbol :value-type string))

(defun copydesk--settings ()
  "The `:copydesk' section of `eglot-workspace-configuration', or nil."
  (let ((conf eglot-workspace-configuration))
    (cond ((functionp conf) nil)
          ((consp (car-safe conf)) (cdr (assq :copydesk conf))) ; alist form
          (t (plist-get conf :copydesk)))))

(defun copydesk--contact (&optional _interactive)
  "The eglot contact for copydesk: program, arguments and initializationOptions."
  (list copydesk-program "lsp"
        :initializationOptions
        (list :copydesk (or (copydesk--settings) (make-hash-table)))))

(defun copydesk--uri (file)
  "The file:// URI of FILE, as eglot writes it."
  (if (fboundp 'eglot-path-to-uri)
      (eglot-path-to-uri file)
    (with-no-warnings (eglot--path-to-uri file))))

(defcustom copydesk-fix-all-on-save nil
  "Non-nil: apply every safe fix before saving, in every checked buffer.
Takes effect when eglot starts managing a buffer; see
`copydesk-fix-all-on-save-mode'."
  :type 'boolean)

;;;###autoload
(defun copydesk-setup ()
  "Register copydesk with eglot, to start in `copydesk-major-modes' buffers."
  (add-to-list 'eglot-server-programs
               (cons (mapcar (lambda (mode) (list (car mode) :language-id (cdr mode)))
                             copydesk-major-modes)
                     #'copydesk--contact))
  (add-hook 'text-mode-hook #'copydesk-ensure)
  (add-hook 'eglot-managed-mode-hook #'copydesk--managed))

(defun copydesk-ensure ()
  "Start copydesk through eglot if copydesk checks this major mode.
For `text-mode-hook': org-mode and other modes derived from text-mode
are left alone."
  (when (and buffer-file-name (assq major-mode copydesk-major-modes))
    (eglot-ensure)))

(defun copydesk--managed ()
  "Turn on `copydesk-fix-all-on-save-mode' if `copydesk-fix-all-on-save'."
  (when (and copydesk-fix-all-on-save (bound-and-true-p eglot--managed-mode) (copydesk--server))
    (copydesk-fix-all-on-save-mode 1)))

(defun copydesk--server ()
  "The eglot server managing this buffer, if it is copydesk."
  (let ((server (eglot-current-server)))
    (and server
         (equal (car-safe (process-command (jsonrpc--process server)))
                (car (copydesk--contact)))
         server)))

;;;###autoload
(defun copydesk-fix-all ()
  "Apply every safe copydesk fix in this buffer (the server's `copydesk.fixAll')."
  (interactive)
  (let ((server (or (copydesk--server) (user-error "copydesk is not running for this buffer")))
        ;; The user asked for these edits: apply the server's workspace/applyEdit unasked.
        (eglot-confirm-server-initiated-edits nil))
    ;; The server's edit is for the text it has: send it the latest first (eglot otherwise
    ;; waits for an idle moment).
    (when (fboundp 'eglot--signal-textDocument/didChange)
      (with-no-warnings (eglot--signal-textDocument/didChange)))
    (eglot-execute-command server 'copydesk.fixAll
                           (vector (copydesk--uri buffer-file-name)))))

(defun copydesk--fix-all-before-save ()
  "Apply the `source.fixAll.copydesk' code action, if the server offers one."
  (when (copydesk--server)
    (condition-case err
        ;; The action may be a command whose edit comes back as workspace/applyEdit: the
        ;; user opted in to these edits, so they are applied unasked.
        (let ((eglot-confirm-server-initiated-edits nil))
          (eglot-code-actions (point-min) (point-max) "source.fixAll.copydesk" t))
      (error (message "copydesk: no fixes applied: %s" (error-message-string err))))))

;;;###autoload
(define-minor-mode copydesk-fix-all-on-save-mode
  "Apply every safe copydesk fix before saving the buffer."
  :lighter " CopyFix"
  (if copydesk-fix-all-on-save-mode
      (add-hook 'before-save-hook #'copydesk--fix-all-before-save nil t)
    (remove-hook 'before-save-hook #'copydesk--fix-all-before-save t)))

(provide 'copydesk)
;;; copydesk.el ends here
