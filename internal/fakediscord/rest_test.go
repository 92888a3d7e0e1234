package fakediscord

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// fixedNow is the injected clock: stamps are deterministic.
func fixedNow() time.Time { return time.Date(2025, 7, 1, 12, 0, 0, 0, time.UTC) }

func newTestServer(t *testing.T, opts Options) *Server {
	t.Helper()
	if opts.Now == nil {
		opts.Now = fixedNow
	}
	s := New(opts)
	t.Cleanup(s.Close)
	return s
}

// do sends one REST request to the fake and decodes the JSON answer.
func do(t *testing.T, s *Server, method, path string, body any) (int, map[string]any, []any) {
	t.Helper()
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, s.APIURL()+path, r)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bot x")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := s.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if len(raw) == 0 {
		return resp.StatusCode, nil, nil
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatalf("%s %s answered non-JSON %q", method, path, raw)
	}
	obj, _ := v.(map[string]any)
	arr, _ := v.([]any)
	return resp.StatusCode, obj, arr
}

// errorAt digs the first field error code out of a 50035 errors tree.
func errorAt(obj map[string]any, path ...string) string {
	node, _ := obj["errors"].(map[string]any)
	for _, p := range path {
		node, _ = node[p].(map[string]any)
	}
	errs, _ := node["_errors"].([]any)
	if len(errs) == 0 {
		return ""
	}
	e, _ := errs[0].(map[string]any)
	code, _ := e["code"].(string)
	return code
}

func TestMessageLimits(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{})
	ch := s.AddChannel(map[string]any{"guild_id": "9"})
	long := strings.Repeat("é", MaxContent+1)
	embed := func(desc string) map[string]any { return map[string]any{"description": desc} }
	tests := []struct {
		name      string
		body      map[string]any
		wantCode  float64
		wantField []string
		wantError string
	}{
		{"content at the limit", map[string]any{"content": long[:2*MaxContent]}, 0, nil, ""},
		{"content over", map[string]any{"content": long}, CodeInvalidFormBody, []string{"content"}, "BASE_TYPE_MAX_LENGTH"},
		{"empty", map[string]any{"content": ""}, CodeEmptyMessage, nil, ""},
		{"description over", map[string]any{"embeds": []any{embed(strings.Repeat("a", MaxEmbedDescription+1))}},
			CodeInvalidFormBody, []string{"embeds", "0", "description"}, "BASE_TYPE_MAX_LENGTH"},
		{"embeds total over", map[string]any{"embeds": []any{embed(strings.Repeat("a", 4000)), embed(strings.Repeat("b", 2001))}},
			CodeInvalidFormBody, []string{"embeds"}, "MAX_EMBED_SIZE_EXCEEDED"},
		{"custom id over", map[string]any{"components": []any{map[string]any{"type": 1, "components": []any{
			map[string]any{"type": 2, "style": 1, "label": "ok", "custom_id": strings.Repeat("x", MaxCustomID+1)}}}}},
			CodeInvalidFormBody, []string{"components", "0", "components", "0", "custom_id"}, "BASE_TYPE_MAX_LENGTH"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, obj, _ := do(t, s, "POST", "channels/"+ch+"/messages", tt.body)
			if tt.wantCode == 0 {
				if status != http.StatusOK || obj["id"] == nil {
					t.Fatalf("status %d body %v, want a message", status, obj)
				}
				return
			}
			if status != http.StatusBadRequest || obj["code"] != tt.wantCode {
				t.Fatalf("status %d body %v, want 400 code %v", status, obj, tt.wantCode)
			}
			if tt.wantField != nil {
				if got := errorAt(obj, tt.wantField...); got != tt.wantError {
					t.Errorf("error at %v = %q, want %q (%v)", tt.wantField, got, tt.wantError, obj["errors"])
				}
			}
		})
	}
}

func TestNotFoundAnswers(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{AppID: "7"})
	ch := s.AddChannel(nil)
	tests := []struct {
		method, path string
		wantStatus   int
		wantCode     float64
	}{
		{"GET", "channels/404", 404, CodeUnknownChannel},
		{"POST", "channels/404/typing", 404, CodeUnknownChannel},
		{"GET", "channels/" + ch + "/messages/404", 404, CodeUnknownMessage},
		{"POST", "channels/" + ch + "/messages/404/threads", 404, CodeUnknownMessage},
		{"GET", "guilds/404", 404, CodeUnknownGuild},
		{"POST", "interactions/1/nosuchtoken/callback", 404, CodeUnknownInteraction},
		{"PATCH", "webhooks/7/nosuchtoken/messages/@original", 404, CodeUnknownWebhook},
		{"GET", "no/such/route", 404, 0},
		{"DELETE", "gateway", 405, 0},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			var body any
			if tt.method == "POST" || tt.method == "PATCH" {
				body = map[string]any{"name": "x", "type": 4, "content": "x"}
			}
			status, obj, _ := do(t, s, tt.method, tt.path, body)
			if status != tt.wantStatus || obj["code"] != tt.wantCode || obj["message"] == "" {
				t.Errorf("status %d body %v, want %d code %v", status, obj, tt.wantStatus, tt.wantCode)
			}
		})
	}
	// Every one of them was recorded, with its status.
	calls := s.Calls()
	if len(calls) != len(tests) {
		t.Fatalf("%d calls recorded, want %d", len(calls), len(tests))
	}
	for i, c := range calls {
		if c.Path != tests[i].path || c.Status != tests[i].wantStatus {
			t.Errorf("call %d = %s %d, want %s %d", i, c.Path, c.Status, tests[i].path, tests[i].wantStatus)
		}
	}
}

func TestListMessages(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{})
	ch := s.AddChannel(map[string]any{"guild_id": "9"})
	var ids []string
	for i := range 5 {
		_, obj, _ := do(t, s, "POST", "channels/"+ch+"/messages", map[string]any{"content": fmt.Sprint(i)})
		ids = append(ids, obj["id"].(string))
	}
	// An ephemeral message never shows in a channel's history.
	s.AddMessage(map[string]any{"channel_id": ch, "content": "secret", "flags": flagEphemeral})
	tests := []struct {
		query      string
		wantStatus int
		want       []string // contents, in answer order
	}{
		{"", 200, []string{"4", "3", "2", "1", "0"}},
		{"?limit=2", 200, []string{"4", "3"}},
		{"?before=" + ids[3] + "&limit=2", 200, []string{"2", "1"}},
		{"?after=" + ids[1] + "&limit=2", 200, []string{"3", "2"}},
		{"?limit=101", 400, nil},
		{"?before=abc", 400, nil},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			status, obj, arr := do(t, s, "GET", "channels/"+ch+"/messages"+tt.query, nil)
			if status != tt.wantStatus {
				t.Fatalf("status %d body %v", status, obj)
			}
			if status != 200 {
				if obj["code"] != float64(CodeInvalidFormBody) {
					t.Errorf("code = %v", obj["code"])
				}
				return
			}
			var got []string
			for _, m := range arr {
				got = append(got, m.(map[string]any)["content"].(string))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("contents (-want +got):\n%s", diff)
			}
		})
	}
}

func TestThreads(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{BotID: "77"})
	ch := s.AddChannel(map[string]any{"guild_id": "9", "name": "crisis"})
	_, msg, _ := do(t, s, "POST", "channels/"+ch+"/messages", map[string]any{"content": "answer"})
	mid := msg["id"].(string)

	status, th, _ := do(t, s, "POST", "channels/"+ch+"/messages/"+mid+"/threads", map[string]any{"name": "Follow-ups", "auto_archive_duration": 60})
	if status != http.StatusCreated {
		t.Fatalf("status %d body %v", status, th)
	}
	got := map[string]any{"id": th["id"], "type": th["type"], "parent_id": th["parent_id"], "owner_id": th["owner_id"],
		"name": th["name"], "guild_id": th["guild_id"], "archive": th["thread_metadata"].(map[string]any)["auto_archive_duration"]}
	want := map[string]any{"id": mid, "type": 11.0, "parent_id": ch, "owner_id": "77", "name": "Follow-ups", "guild_id": "9", "archive": 60.0}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("thread (-want +got):\n%s", diff)
	}
	if status, obj, _ := do(t, s, "GET", "channels/"+mid, nil); status != 200 || obj["parent_id"] != ch {
		t.Errorf("GET thread: %d %v", status, obj)
	}
	if _, obj, _ := do(t, s, "GET", "channels/"+ch+"/messages/"+mid, nil); obj["thread"] == nil || obj["flags"] != float64(flagHasThread) {
		t.Errorf("starter message = %v, want its thread and HAS_THREAD", obj)
	}
	if status, obj, _ := do(t, s, "POST", "channels/"+ch+"/messages/"+mid+"/threads", map[string]any{"name": "again"}); status != 400 || obj["code"] != float64(CodeThreadAlreadyExists) {
		t.Errorf("second thread: %d %v", status, obj)
	}
	// Messages go into the thread like into any channel.
	if status, obj, _ := do(t, s, "POST", "channels/"+mid+"/messages", map[string]any{"content": "in thread"}); status != 200 || obj["channel_id"] != mid {
		t.Errorf("post in thread: %d %v", status, obj)
	}

	status, th2, _ := do(t, s, "POST", "channels/"+ch+"/threads", map[string]any{"name": "Standalone"})
	if status != http.StatusCreated || th2["type"] != 12.0 || th2["id"] == mid {
		t.Errorf("standalone thread: %d %v", status, th2)
	}
	if status, obj, _ := do(t, s, "POST", "channels/"+ch+"/threads", map[string]any{"name": ""}); status != 400 || errorAt(obj, "name") != "BASE_TYPE_BAD_LENGTH" {
		t.Errorf("unnamed thread: %d %v", status, obj)
	}
}

func TestCommandsOverwriteKeepsIDs(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{AppID: "7"})
	put := func(path string, cmds ...map[string]any) []any {
		t.Helper()
		status, obj, arr := do(t, s, "PUT", path, cmds)
		if status != 200 {
			t.Fatalf("PUT %s: %d %v", path, status, obj)
		}
		return arr
	}
	first := put("applications/7/commands", map[string]any{"name": "ask", "description": "Ask"})
	second := put("applications/7/commands", map[string]any{"name": "ask", "description": "Ask!"}, map[string]any{"name": "about", "description": "About"})
	id := func(v any) any { return v.(map[string]any)["id"] }
	if id(first[0]) != id(second[0]) || id(second[1]) == id(second[0]) {
		t.Errorf("ids: first %v, second %v %v", id(first[0]), id(second[0]), id(second[1]))
	}
	guild := put("applications/7/guilds/9/commands", map[string]any{"name": "ask", "description": "Ask"})
	if g := guild[0].(map[string]any); g["guild_id"] != "9" || g["application_id"] != "7" || g["type"] != 1.0 {
		t.Errorf("guild command = %v", g)
	}
	if got := len(s.Commands("")); got != 2 {
		t.Errorf("%d global commands, want 2", got)
	}
	status, obj, _ := do(t, s, "PUT", "applications/7/commands", []map[string]any{{"name": "Ask", "description": ""}})
	if status != 400 || errorAt(obj, "0", "name") == "" || errorAt(obj, "0", "description") == "" {
		t.Errorf("bad command: %d %v", status, obj)
	}
	if status, _, _ := do(t, s, "PUT", "applications/8/commands", []map[string]any{}); status != http.StatusForbidden {
		t.Errorf("other app: status %d", status)
	}
}

func TestRateLimitFault(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{})
	s.FailNext("", "users/", http.StatusTooManyRequests, `{"message":"You are being rate limited.","retry_after":1.5,"global":true}`, 1)
	resp, err := s.Client().Get(s.APIURL() + "users/@me")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	got := map[string]string{}
	for _, h := range []string{"Retry-After", "X-RateLimit-Remaining", "X-RateLimit-Reset-After", "X-RateLimit-Global"} {
		got[h] = resp.Header.Get(h)
	}
	want := map[string]string{"Retry-After": "2", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset-After": "1.5", "X-RateLimit-Global": "true"}
	if resp.StatusCode != 429 || !cmp.Equal(want, got) {
		t.Errorf("status %d headers %v, want 429 %v", resp.StatusCode, got, want)
	}
	if status, obj, _ := do(t, s, "GET", "users/@me", nil); status != 200 || obj["bot"] != true {
		t.Errorf("after the fault: %d %v", status, obj)
	}
}

func TestTokenIsChecked(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{Token: "Bot right"})
	status, obj, _ := do(t, s, "GET", "users/@me", nil) // do sends "Bot x"
	if status != http.StatusUnauthorized || obj["code"] != 0.0 {
		t.Errorf("wrong token: %d %v", status, obj)
	}
	if status, _, _ := do(t, s, "GET", "gateway", nil); status != 200 {
		t.Errorf("GET gateway needs no token, got %d", status)
	}
}

func TestWaitHonoursContext(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.WaitCall(ctx, func(Call) bool { return true }); err == nil || !strings.Contains(err.Error(), "context canceled") {
		t.Errorf("WaitCall on a cancelled context = %v", err)
	}
	if err := s.Dispatch("MESSAGE_CREATE", map[string]any{}); err == nil {
		t.Error("Dispatch with no client succeeded")
	}
	s.Close()
	if err := s.WaitReady(context.Background()); err == nil {
		t.Error("WaitReady after Close succeeded")
	}
}

func TestIDsIncrease(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{})
	prev := snowflake(s.NewID())
	for range 100 {
		n := snowflake(s.NewID())
		if n <= prev {
			t.Fatalf("id %d after %d", n, prev)
		}
		prev = n
	}
}
