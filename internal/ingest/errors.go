package ingest

import "fmt"

// Error is an input problem the user can fix. Its message is one line meant
// to be shown as it is; Code is stable for programs (and HTTP status mapping).
type Error struct {
	Code string
	Msg  string
}

func (e *Error) Error() string { return e.Msg }

// Error codes.
const (
	CodeEmpty       = "empty-input"
	CodeTooLarge    = "too-large"
	CodeBinary      = "binary-input"
	CodeInvalidUTF8 = "invalid-utf8"
	CodeBadJSON     = "bad-json"
	CodeNoText      = "no-text"
	CodeNoArticle   = "no-article"
	CodeBadKind     = "bad-kind"
	// CodeFormat is a file in a format Credence does not read: a PDF, an
	// office document, an image, an archive. The message names the format.
	CodeFormat = "unsupported-format"
)

func errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Msg: fmt.Sprintf(format, args...)}
}
