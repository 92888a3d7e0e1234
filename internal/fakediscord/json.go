package fakediscord

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
)

// Discord's JSON error codes that the fake answers with.
const (
	CodeUnknownChannel      = 10003
	CodeUnknownGuild        = 10004
	CodeUnknownMember       = 10007
	CodeUnknownMessage      = 10008
	CodeUnknownWebhook      = 10015
	CodeUnknownInteraction  = 10062
	CodeAlreadyAcknowledged = 40060
	CodeEmptyMessage        = 50006
	CodeInvalidFormBody     = 50035
	CodeThreadAlreadyExists = 160004
)

// errorBody is Discord's error JSON.
func errorBody(code int, message string) string {
	b, _ := json.Marshal(map[string]any{"message": message, "code": code}) // strings and ints always marshal
	return string(b)
}

func writeError(w http.ResponseWriter, status, code int, message string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write([]byte(errorBody(code, message)))
}

// writeFormError is Discord's 50035 with the per-field errors tree, e.g.
// {"content": {"_errors": [{"code": "BASE_TYPE_MAX_LENGTH", ...}]}}.
func writeFormError(w http.ResponseWriter, fe *formError) {
	writeJSON(w, http.StatusBadRequest, map[string]any{
		"message": "Invalid Form Body",
		"code":    CodeInvalidFormBody,
		"errors":  fe.tree(),
	})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		writeError(w, http.StatusInternalServerError, 0, "fakediscord: encode response: "+err.Error())
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(b)
}

// decodeObject decodes a JSON object body, keeping numbers exact.
func decodeObject(b []byte) (map[string]any, error) {
	var m map[string]any
	if err := decodeJSON(b, &m); err != nil {
		return nil, err
	}
	if m == nil {
		return nil, fmt.Errorf("body is not a JSON object")
	}
	return m, nil
}

func decodeJSON(b []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	if err := d.Decode(v); err != nil {
		return fmt.Errorf("decode JSON: %w", err)
	}
	return nil
}

// toMap turns any JSON-encodable value into a fresh map (nil if it is not an
// object), so stored data never aliases the caller's.
func toMap(v any) (map[string]any, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encode: %w", err)
	}
	var m map[string]any
	if err := decodeJSON(b, &m); err != nil {
		return nil, err
	}
	return m, nil
}

// clone deep-copies a JSON map; maps built from JSON always re-encode.
func clone(m map[string]any) map[string]any {
	if m == nil {
		return nil
	}
	return cloneOrNew(m)
}

// cloneOrNew is clone, with an empty map for nil: what Add* store.
func cloneOrNew(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	c, err := toMap(m)
	if err != nil {
		// Only a caller's map holding a non-JSON value (a func, a channel)
		// gets here; keep it shallow rather than lose it.
		c = make(map[string]any, len(m))
		for k, v := range m {
			c[k] = v
		}
	}
	return c
}

// str returns m[key] as a string ("" if absent or not a string).
func str(m map[string]any, key string) string {
	s, _ := m[key].(string)
	return s
}

// integer returns m[key] as an int64 from any JSON number form (0 if absent).
func integer(m map[string]any, key string) int64 {
	return number(m[key])
}

// number returns a JSON number value as an int64 (0 if it is not one).
func number(v any) int64 {
	switch v := v.(type) {
	case json.Number:
		n, err := v.Int64()
		if err != nil {
			f, _ := v.Float64()
			return int64(f)
		}
		return n
	case float64:
		return int64(v)
	case int:
		return int64(v)
	case int64:
		return v
	}
	return 0
}

// object returns m[key] as a map (nil if absent or not an object).
func object(m map[string]any, key string) map[string]any {
	o, _ := m[key].(map[string]any)
	return o
}

// array returns m[key] as a slice (nil if absent or not an array).
func array(m map[string]any, key string) []any {
	a, _ := m[key].([]any)
	return a
}
