package ingest

// TooLarge is the error for an input of n bytes over the limit max. The
// message names no command-line flag: the caller says how to raise it.
func TooLarge(n, max int64) *Error {
	return errorf(CodeTooLarge, "input is larger than the %s limit (%d bytes)", humanBytes(max), n)
}
