// Package errs gives crisisbot's errors a code, so that the edges (the CLI,
// the Discord bot) can turn them into user-facing text and exit codes without
// parsing messages.
package errs

import (
	"errors"
	"fmt"
)

// Codes. Anything without a code is Internal.
const (
	Invalid     = "invalid"     // the input is wrong: a bad question, file or value
	Usage       = "usage"       // the command line is wrong (exit 2)
	NotFound    = "not_found"   // a named thing does not exist
	Unavailable = "unavailable" // a remote service failed or timed out
	Damaged     = "damaged"     // stored data cannot be read; the message says how to recover
	Internal    = "internal"    // a bug or an unexpected failure
)

// Error is an error with a code and a message meant for the user.
type Error struct {
	Code    string
	Message string
	Err     error // optional cause, for logs
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Message + ": " + e.Err.Error()
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Wrap returns an *Error with the given code and message that wraps err.
func Wrap(code string, err error, message string) *Error {
	return &Error{Code: code, Message: message, Err: err}
}

// Code returns the code of the first *Error in err's chain, or Internal.
func Code(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	if err == nil {
		return ""
	}
	return Internal
}

// Message returns the user-facing message of the first *Error in err's
// chain, or a generic one for errors without a code.
func Message(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	if err == nil {
		return ""
	}
	return "internal error"
}
