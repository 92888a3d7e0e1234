package errs

import (
	"errors"
	"fmt"
	"testing"
)

func TestCodeAndMessageThroughWrapping(t *testing.T) {
	base := Errorf(Invalid, "question is %d characters; the limit is %d", 1200, 1000)
	wrapped := fmt.Errorf("ask: %w", base)
	tests := []struct {
		name        string
		err         error
		wantCode    string
		wantMessage string
	}{
		{"nil", nil, "", ""},
		{"coded", base, Invalid, "question is 1200 characters; the limit is 1000"},
		{"wrapped", wrapped, Invalid, "question is 1200 characters; the limit is 1000"},
		{"plain", errors.New("disk on fire"), Internal, "internal error"},
		{"wrap keeps cause", Wrap(Unavailable, errors.New("503"), "the model is unavailable"), Unavailable, "the model is unavailable"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Code(tt.err); got != tt.wantCode {
				t.Errorf("Code = %q, want %q", got, tt.wantCode)
			}
			if got := Message(tt.err); got != tt.wantMessage {
				t.Errorf("Message = %q, want %q", got, tt.wantMessage)
			}
		})
	}
	cause := errors.New("503")
	if err := Wrap(Unavailable, cause, "x"); !errors.Is(err, cause) || err.Error() != "x: 503" {
		t.Errorf("Wrap: errors.Is = %v, Error() = %q", errors.Is(err, cause), err.Error())
	}
}
