package bot

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/crisisbot/crisisbot/answer"
)

// Files in the data directory. They are append-only JSON lines, not part
// of the corpus database, so `crisisbot feedback` can read them while the
// bot runs and holds the database's lock.
const (
	answersFile  = "answers.jsonl"
	feedbackFile = "feedback.jsonl"
)

// DefaultKeepAnswers is how many recent answers Store keeps for their
// buttons; older answers' buttons say the answer has expired.
const DefaultKeepAnswers = 5000

// AnswerRecord is an answer the bot gave, kept so that its buttons can
// show the cited passages and record feedback.
type AnswerRecord struct {
	ID        string    `json:"id"`
	Time      time.Time `json:"time"`
	UserID    string    `json:"user_id,omitempty"`
	GuildID   string    `json:"guild_id,omitempty"`
	ChannelID string    `json:"channel_id,omitempty"`
	Question  string    `json:"question"`
	// FollowsUp is the question of the exchange this one followed in its
	// conversation, without which "what did Moscow say about that?" is
	// unreadable; empty for a first question.
	FollowsUp string            `json:"follows_up,omitempty"`
	Answer    string            `json:"answer"`
	Grounded  bool              `json:"grounded"`
	Mode      string            `json:"mode"`
	Model     string            `json:"model,omitempty"`
	Citations []answer.Citation `json:"citations"`
}

// storedAnswerRecord is AnswerRecord as stored. answer.Citation's JSON
// leaves out PublishedPrecision, so the record carries the precisions
// alongside: without them a week-precise date would come back as a day
// after a restart.
type storedAnswerRecord struct {
	plainAnswerRecord
	Precisions []string `json:"citation_precisions,omitempty"`
}

// plainAnswerRecord is AnswerRecord without its JSON methods.
type plainAnswerRecord AnswerRecord

// MarshalJSON encodes r with its citations' date precisions.
func (r AnswerRecord) MarshalJSON() ([]byte, error) {
	st := storedAnswerRecord{plainAnswerRecord: plainAnswerRecord(r)}
	for i, c := range r.Citations {
		if c.PublishedPrecision != "" && st.Precisions == nil {
			st.Precisions = make([]string, len(r.Citations))
		}
		if st.Precisions != nil {
			st.Precisions[i] = c.PublishedPrecision
		}
	}
	return json.Marshal(st)
}

// UnmarshalJSON decodes what MarshalJSON encodes.
func (r *AnswerRecord) UnmarshalJSON(b []byte) error {
	var st storedAnswerRecord
	if err := json.Unmarshal(b, &st); err != nil {
		return err
	}
	*r = AnswerRecord(st.plainAnswerRecord)
	if len(st.Precisions) == len(r.Citations) {
		for i := range r.Citations {
			r.Citations[i].PublishedPrecision = st.Precisions[i]
		}
	}
	return nil
}

// PassageIDs returns the ids of the cited passages, in citation order.
func (r AnswerRecord) PassageIDs() []string {
	ids := make([]string, len(r.Citations))
	for i, c := range r.Citations {
		ids[i] = c.PassageID
	}
	return ids
}

// Feedback is one 👍 or 👎 on an answer, with what was answered.
type Feedback struct {
	Time       time.Time `json:"time"`
	AnswerID   string    `json:"answer_id"`
	Vote       string    `json:"vote"` // "up" or "down"
	UserID     string    `json:"user_id"`
	GuildID    string    `json:"guild_id,omitempty"`
	ChannelID  string    `json:"channel_id,omitempty"`
	Question   string    `json:"question"`
	FollowsUp  string    `json:"follows_up,omitempty"` // see AnswerRecord.FollowsUp
	Answer     string    `json:"answer"`
	Mode       string    `json:"mode"`
	PassageIDs []string  `json:"passage_ids"`
}

// Store keeps the bot's answers and the feedback on them in the data
// directory. It is safe for concurrent use.
type Store struct {
	dir  string
	keep int

	mu      sync.Mutex
	answers map[string]AnswerRecord
	order   []string // answer ids, oldest first
	// lines counts the answers file's records, so it is compacted when
	// it holds twice what is kept.
	lines int
	// votes is each user's latest vote on each kept answer, so a repeated
	// click adds nothing to the feedback file.
	// By answer id, then user id, so a dropped answer drops its votes.
	votes map[string]map[string]string
	// skipped are the feedback file's unreadable lines, passed over at open.
	skipped []BadLine
}

// BadLine is a line of a JSON-lines file that could not be decoded.
type BadLine struct {
	Path string
	Line int
	Err  error
}

func (b BadLine) Error() string { return fmt.Sprintf("%s line %d: %v", b.Path, b.Line, b.Err) }

// OpenStore opens the store in dir, creating dir, and loads the most
// recent keep answers (0 means DefaultKeepAnswers). When the answers file
// holds more, it is rewritten with only those, through a temporary file
// and a rename, so it does not grow without bound.
func OpenStore(dir string, keep int) (*Store, error) {
	if keep <= 0 {
		keep = DefaultKeepAnswers
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create data directory: %w", err)
	}
	s := &Store{dir: dir, keep: keep, answers: map[string]AnswerRecord{}}
	if err := repairTail[AnswerRecord](filepath.Join(dir, answersFile)); err != nil {
		return nil, err
	}
	if err := repairTail[Feedback](filepath.Join(dir, feedbackFile)); err != nil {
		return nil, err
	}
	recs, bad, err := readLines[AnswerRecord](filepath.Join(dir, answersFile))
	if err != nil {
		return nil, err
	}
	if len(bad) > 0 {
		// Not skipped: the file is rewritten when compacted, which would
		// drop the line for good.
		return nil, bad[0]
	}
	if len(recs) > keep {
		recs = recs[len(recs)-keep:]
		if err := s.rewriteAnswers(recs); err != nil {
			return nil, err
		}
	}
	for _, r := range recs {
		s.remember(r)
	}
	s.lines = len(recs)
	votes, skipped, err := ReadFeedback(dir)
	if err != nil {
		return nil, err
	}
	s.skipped = skipped
	s.votes = map[string]map[string]string{}
	for _, v := range votes {
		if _, ok := s.answers[v.AnswerID]; ok {
			s.setVote(v)
		}
	}
	return s, nil
}

// Skipped returns the feedback file's lines that could not be read when
// the store opened, for the caller to warn about. They stay in the file.
func (s *Store) Skipped() []BadLine { return s.skipped }

// SaveAnswer records an answer.
func (s *Store) SaveAnswer(r AnswerRecord) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := appendLine(filepath.Join(s.dir, answersFile), r); err != nil {
		return fmt.Errorf("save answer: %w", err)
	}
	s.remember(r)
	s.lines++
	if s.lines > 2*s.keep {
		recs := make([]AnswerRecord, len(s.order))
		for i, id := range s.order {
			recs[i] = s.answers[id]
		}
		if err := s.rewriteAnswers(recs); err != nil {
			return err
		}
		s.lines = len(recs)
	}
	return nil
}

// remember indexes r, dropping the oldest beyond keep; s.mu is held or s
// is not shared yet.
func (s *Store) remember(r AnswerRecord) {
	if _, ok := s.answers[r.ID]; !ok {
		s.order = append(s.order, r.ID)
	}
	s.answers[r.ID] = r
	for len(s.order) > s.keep {
		delete(s.answers, s.order[0])
		delete(s.votes, s.order[0])
		s.order = s.order[1:]
	}
}

// Answer returns the recorded answer with id.
func (s *Store) Answer(id string) (AnswerRecord, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.answers[id]
	return r, ok
}

// SaveFeedback records a vote.
// It reports false, writing nothing, when the user's latest vote on the
// answer is already f.Vote.
func (s *Store) SaveFeedback(f Feedback) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.votes[f.AnswerID][f.UserID] == f.Vote {
		return false, nil
	}
	if err := appendLine(filepath.Join(s.dir, feedbackFile), f); err != nil {
		return false, fmt.Errorf("save feedback: %w", err)
	}
	s.setVote(f)
	return true, nil
}

func (s *Store) rewriteAnswers(recs []AnswerRecord) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for _, r := range recs {
		if err := enc.Encode(r); err != nil {
			return fmt.Errorf("encode answer: %w", err)
		}
	}
	path := filepath.Join(s.dir, answersFile)
	tmp, err := os.CreateTemp(s.dir, answersFile+".*")
	if err != nil {
		return fmt.Errorf("compact answers: %w", err)
	}
	defer os.Remove(tmp.Name())
	// CreateTemp makes the file 0600; keep the mode appendLine gives.
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fmt.Errorf("compact answers: %w", err)
	}
	if _, err := tmp.Write(buf.Bytes()); err != nil {
		tmp.Close()
		return fmt.Errorf("compact answers: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("compact answers: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("compact answers: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("compact answers: %w", err)
	}
	return nil
}

// setVote records f as its user's latest vote on its answer; s.mu is held
// or s is not shared yet.
func (s *Store) setVote(f Feedback) {
	if s.votes[f.AnswerID] == nil {
		s.votes[f.AnswerID] = map[string]string{}
	}
	s.votes[f.AnswerID][f.UserID] = f.Vote
}

// ReadFeedback returns every vote recorded in dir, oldest first, and the
// lines it could not read and skipped: one damaged line must not hide the
// other votes. A missing file is no votes.
func ReadFeedback(dir string) (votes []Feedback, skipped []BadLine, err error) {
	return readLines[Feedback](filepath.Join(dir, feedbackFile))
}

// appendLine writes v as one JSON line in a single write and syncs it, so
// a crash leaves at most one torn last line, which readLines skips.
func appendLine(path string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(append(b, '\n')); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// repairTail makes the file at path end with a whole line, so that the
// next append starts a line of its own instead of gluing a record onto
// what a crash left: a torn last line is cut off, and a last record that
// lost only its newline gets one. Only the Store, the one writer, calls it.
func repairTail[T any](path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("repair %s: %w", path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return fmt.Errorf("repair %s: %w", path, err)
	}
	last := make([]byte, 1)
	if st.Size() == 0 {
		return nil
	}
	if _, err := f.ReadAt(last, st.Size()-1); err != nil {
		return fmt.Errorf("repair %s: %w", path, err)
	}
	if last[0] == '\n' {
		return nil
	}
	data, err := io.ReadAll(f)
	if err != nil {
		return fmt.Errorf("repair %s: %w", path, err)
	}
	start := bytes.LastIndexByte(data, '\n') + 1
	var v T
	if json.Unmarshal(data[start:], &v) == nil {
		_, err = f.WriteAt([]byte{'\n'}, int64(len(data)))
	} else {
		err = f.Truncate(int64(start))
	}
	if err == nil {
		err = f.Sync()
	}
	if err != nil {
		return fmt.Errorf("repair %s: %w", path, err)
	}
	return f.Close()
}

// readLines decodes a JSON-lines file. A torn last line (a crash during
// a write) is dropped; a bad line elsewhere is returned in bad, for the
// caller to refuse or warn about.
func readLines[T any](path string) (out []T, bad []BadLine, err error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", path, err)
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), len(data)+1)
	line := 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		var v T
		if err := json.Unmarshal(b, &v); err != nil {
			if !bytes.HasSuffix(data, []byte("\n")) && isLastLine(data, line) {
				break
			}
			bad = append(bad, BadLine{Path: path, Line: line, Err: err})
			continue
		}
		out = append(out, v)
	}
	return out, bad, sc.Err()
}

// isLastLine reports whether line (1-based) is the last line of data.
func isLastLine(data []byte, line int) bool {
	return bytes.Count(bytes.TrimRight(data, "\n"), []byte("\n"))+1 == line
}

// LatestVotes keeps each user's latest vote on each answer, newest first.
func LatestVotes(all []Feedback) []Feedback {
	type key struct{ answer, user string }
	latest := map[key]int{}
	for i, f := range all {
		latest[key{f.AnswerID, f.UserID}] = i
	}
	var out []Feedback
	for i := len(all) - 1; i >= 0; i-- {
		if latest[key{all[i].AnswerID, all[i].UserID}] == i {
			out = append(out, all[i])
		}
	}
	return out
}
