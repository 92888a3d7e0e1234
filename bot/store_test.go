package bot

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// testRecord is the i-th answer of a test, citing the sample passages.
func testRecord(i int) AnswerRecord {
	ans := sampleAnswer(fmt.Sprintf("Question %d?", i))
	return AnswerRecord{
		ID: fmt.Sprintf("a%03d", i), Time: time.Date(2025, 7, 1, 12, i, 0, 0, time.UTC), UserID: "u1",
		GuildID: "g1", ChannelID: "c1", Question: ans.Question, Answer: ans.Text, Grounded: true,
		Mode: ans.Mode, Citations: ans.Citations,
	}
}

func openStore(t *testing.T, dir string, keep int) *Store {
	t.Helper()
	s, err := OpenStore(dir, keep)
	if err != nil {
		t.Fatalf("OpenStore: %v", err)
	}
	return s
}

func TestStoreReopenKeepsAnswers(t *testing.T) {
	dir := t.TempDir()
	s := openStore(t, dir, 10)
	want := []AnswerRecord{testRecord(1), testRecord(2), testRecord(3)}
	want[2].Citations = nil // an abstention cites nothing
	for _, r := range want {
		if err := s.SaveAnswer(r); err != nil {
			t.Fatal(err)
		}
	}
	s = openStore(t, dir, 10)
	for _, w := range want {
		got, ok := s.Answer(w.ID)
		if !ok {
			t.Errorf("answer %s lost on reopen", w.ID)
			continue
		}
		// Every field, the citations' date precision included: a week
		// must not come back as a day.
		if diff := cmp.Diff(w, got); diff != "" {
			t.Errorf("answer %s after reopen (-want +got):\n%s", w.ID, diff)
		}
	}
	if _, ok := s.Answer("nope"); ok {
		t.Error("Answer found an id never saved")
	}
}

func TestStoreCompacts(t *testing.T) {
	dir := t.TempDir()
	s := openStore(t, dir, 3)
	for i := range 5 {
		if err := s.SaveAnswer(testRecord(i)); err != nil {
			t.Fatal(err)
		}
	}
	// In memory the store already keeps only the newest three.
	if _, ok := s.Answer("a001"); ok {
		t.Error("the running store kept an answer beyond keep")
	}
	path := filepath.Join(dir, answersFile)
	before, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if n := countLines(t, path); n != 5 {
		t.Fatalf("answers file has %d lines before reopening, want 5", n)
	}

	s = openStore(t, dir, 3)
	after, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if os.SameFile(before, after) {
		t.Error("the answers file was rewritten in place, want a new file renamed over it")
	}
	if after.Mode().Perm() != before.Mode().Perm() {
		t.Errorf("compaction changed the file mode from %v to %v", before.Mode().Perm(), after.Mode().Perm())
	}
	if n := countLines(t, path); n != 3 {
		t.Errorf("answers file has %d lines after compaction, want 3", n)
	}
	for i := range 5 {
		id := testRecord(i).ID
		if _, ok := s.Answer(id); ok != (i >= 2) {
			t.Errorf("answer %s kept = %v, want %v (keep the newest 3)", id, ok, i >= 2)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Errorf("data directory holds %d files after compaction, want only %s: %v", len(entries), answersFile, entries)
	}
}

func countLines(t *testing.T, path string) int {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Count(string(b), "\n")
}

// writeLines writes JSON lines for recs, then tail as it is.
func writeLines(t *testing.T, path string, recs []AnswerRecord, tail string) {
	t.Helper()
	var sb strings.Builder
	for _, r := range recs {
		b, err := r.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		sb.Write(b)
		sb.WriteByte('\n')
	}
	sb.WriteString(tail)
	if err := os.WriteFile(path, []byte(sb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestStoreCrashedWrite(t *testing.T) {
	whole, err := testRecord(3).MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		tail string // what the crash left after two whole lines
		want []string
	}{
		{"torn mid-record", string(whole[:len(whole)/2]), []string{"a001", "a002", "a009"}},
		{"torn before the newline", string(whole), []string{"a001", "a002", "a003", "a009"}},
		{"torn after one byte", "{", []string{"a001", "a002", "a009"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, answersFile)
			writeLines(t, path, []AnswerRecord{testRecord(1), testRecord(2)}, tt.tail)
			s := openStore(t, dir, 10)
			// The restarted bot answers again; the new line must not be
			// glued onto the torn one, or the next start would fail.
			if err := s.SaveAnswer(testRecord(9)); err != nil {
				t.Fatal(err)
			}
			s = openStore(t, dir, 10)
			var got []string
			for _, id := range []string{"a001", "a002", "a003", "a009"} {
				if _, ok := s.Answer(id); ok {
					got = append(got, id)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("answers after a crash and a restart (-want +got):\n%s", diff)
			}
		})
	}
}

func TestStoreCrashedFeedbackWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, feedbackFile)
	if err := os.WriteFile(path, []byte(`{"answer_id":"a1","vote":"up","user_id":"u1"}`+"\n"+`{"answer_id":"a1","vo`), 0o644); err != nil {
		t.Fatal(err)
	}
	// A reader while the bot runs skips the torn line.
	votes, _, err := ReadFeedback(dir)
	if err != nil || len(votes) != 1 {
		t.Fatalf("ReadFeedback of a torn file = %d votes, %v; want 1 vote", len(votes), err)
	}
	s := openStore(t, dir, 0)
	if _, err := s.SaveFeedback(Feedback{AnswerID: "a2", Vote: "down", UserID: "u2"}); err != nil {
		t.Fatal(err)
	}
	votes, _, err = ReadFeedback(dir)
	if err != nil {
		t.Fatalf("ReadFeedback after a vote following a crash: %v", err)
	}
	var got []string
	for _, v := range votes {
		got = append(got, v.AnswerID+":"+v.Vote)
	}
	if diff := cmp.Diff([]string{"a1:up", "a2:down"}, got); diff != "" {
		t.Errorf("votes (-want +got):\n%s", diff)
	}
}

func TestStoreBadLine(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, answersFile)
	writeLines(t, path, []AnswerRecord{testRecord(1)}, "not json\n"+mustJSON(t, testRecord(2))+"\n")
	_, err := OpenStore(dir, 10)
	if err == nil {
		t.Fatal("OpenStore accepted a bad line in the middle of the answers file")
	}
	if !strings.Contains(err.Error(), "line 2") || !strings.Contains(err.Error(), answersFile) {
		t.Errorf("error %q does not name the file and line 2", err)
	}
	// Nothing stored is lost to the failed open.
	if n := countLines(t, path); n != 3 {
		t.Errorf("answers file has %d lines after the failed open, want 3", n)
	}
}

func mustJSON(t *testing.T, r AnswerRecord) string {
	t.Helper()
	b, err := r.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestReadFeedbackMissing(t *testing.T) {
	votes, _, err := ReadFeedback(t.TempDir())
	if err != nil || votes != nil {
		t.Errorf("ReadFeedback of an empty directory = %v, %v; want no votes and no error", votes, err)
	}
}

func TestLatestVotes(t *testing.T) {
	at := func(m int) time.Time { return time.Date(2025, 7, 1, 12, m, 0, 0, time.UTC) }
	vote := func(m int, answer, user, v string) Feedback {
		return Feedback{Time: at(m), AnswerID: answer, UserID: user, Vote: v}
	}
	tests := []struct {
		name string
		all  []Feedback
		want []Feedback
	}{
		{"none", nil, nil},
		{"one", []Feedback{vote(1, "a", "u", "up")}, []Feedback{vote(1, "a", "u", "up")}},
		{
			"a user changes their mind",
			[]Feedback{vote(1, "a", "u", "up"), vote(2, "a", "u", "down")},
			[]Feedback{vote(2, "a", "u", "down")},
		},
		{
			"each user and answer counts once, newest first",
			[]Feedback{
				vote(1, "a", "u", "up"), vote(2, "a", "v", "down"), vote(3, "b", "u", "down"),
				vote(4, "a", "u", "down"), vote(5, "a", "v", "up"),
			},
			[]Feedback{vote(5, "a", "v", "up"), vote(4, "a", "u", "down"), vote(3, "b", "u", "down")},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, LatestVotes(tt.all)); diff != "" {
				t.Errorf("LatestVotes (-want +got):\n%s", diff)
			}
		})
	}
}

// TestStoreRepeatedVotesAddNothing: clicking 👍 again writes no new line,
// across a restart too; changing the vote does.
func TestStoreRepeatedVotesAddNothing(t *testing.T) {
	dir := t.TempDir()
	s := openStore(t, dir, 0)
	if err := s.SaveAnswer(testRecord(1)); err != nil {
		t.Fatal(err)
	}
	id := testRecord(1).ID
	steps := []struct {
		reopen bool
		vote   string
		fresh  bool
	}{{false, "up", true}, {false, "up", false}, {true, "up", false}, {false, "down", true}}
	for i, st := range steps {
		if st.reopen {
			s = openStore(t, dir, 0)
		}
		fresh, err := s.SaveFeedback(Feedback{AnswerID: id, Vote: st.vote, UserID: "u1"})
		if err != nil || fresh != st.fresh {
			t.Errorf("step %d: vote %s = %v, %v; want fresh %v", i, st.vote, fresh, err, st.fresh)
		}
	}
	if n := countLines(t, filepath.Join(dir, feedbackFile)); n != 2 {
		t.Errorf("feedback file has %d lines, want 2 (up, then down)", n)
	}
}

// TestStoreCompactsWhileRunning: the answers file never holds more than
// twice what is kept, without a restart.
func TestStoreCompactsWhileRunning(t *testing.T) {
	dir := t.TempDir()
	s := openStore(t, dir, 3)
	for i := 1; i <= 7; i++ {
		if err := s.SaveAnswer(testRecord(i)); err != nil {
			t.Fatal(err)
		}
		if n := countLines(t, filepath.Join(dir, answersFile)); n > 6 {
			t.Fatalf("after %d answers the file has %d lines, over twice the 3 kept", i, n)
		}
	}
	if _, ok := s.Answer(testRecord(7).ID); !ok {
		t.Error("the newest answer is not kept")
	}
	if _, ok := s.Answer(testRecord(4).ID); ok {
		t.Error("an answer beyond the 3 kept is still kept")
	}
	reopened := openStore(t, dir, 3)
	if _, ok := reopened.Answer(testRecord(5).ID); !ok {
		t.Error("a kept answer is lost after compaction and reopening")
	}
}

// TestStoreSkipsBadFeedbackLine: one damaged line in feedback.jsonl is
// skipped and reported, the votes around it are read, and voting goes on.
func TestStoreSkipsBadFeedbackLine(t *testing.T) {
	dir := t.TempDir()
	writeLines(t, filepath.Join(dir, answersFile), []AnswerRecord{testRecord(1), testRecord(2)}, "")
	vote := func(id, v string) string {
		b, err := json.Marshal(Feedback{AnswerID: id, Vote: v, UserID: "u1"})
		if err != nil {
			t.Fatal(err)
		}
		return string(b) + "\n"
	}
	path := filepath.Join(dir, feedbackFile)
	if err := os.WriteFile(path, []byte(vote("a001", "up")+"{\"answer_id\": oops\n"+vote("a002", "down")), 0o644); err != nil {
		t.Fatal(err)
	}
	s := openStore(t, dir, 10)
	if bad := s.Skipped(); len(bad) != 1 || bad[0].Line != 2 || bad[0].Path != path {
		t.Errorf("Skipped() = %v, want line 2 of %s", bad, path)
	}
	// The vote after the bad line still counts: repeating it adds nothing.
	if fresh, err := s.SaveFeedback(Feedback{AnswerID: "a002", Vote: "down", UserID: "u1"}); err != nil || fresh {
		t.Errorf("repeated vote: fresh %v, %v; want it known", fresh, err)
	}
	if _, err := s.SaveFeedback(Feedback{AnswerID: "a001", Vote: "down", UserID: "u1"}); err != nil {
		t.Fatal(err)
	}
	votes, skipped, err := ReadFeedback(dir)
	if err != nil || len(skipped) != 1 {
		t.Fatalf("ReadFeedback: %d skipped, %v; want the one bad line", len(skipped), err)
	}
	var got []string
	for _, v := range votes {
		got = append(got, v.AnswerID+":"+v.Vote)
	}
	if diff := cmp.Diff([]string{"a001:up", "a002:down", "a001:down"}, got); diff != "" {
		t.Errorf("votes (-want +got):\n%s", diff)
	}
}
