package retrieval

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/crisisbot/crisisbot/corpus"
	"github.com/crisisbot/crisisbot/facts"
)

// crashChildEnv switches the test binary into the crash test's child: it
// ingests crashDocs into the directory named by the variable in one Ingest
// (skipping, as any ingest does, the documents already stored). It prints
// "read ID" as the facts of each document are read, which happens for a
// whole batch before it is written, and "stored ID" for each document of
// a batch once the batch is committed (from Progress), then "done".
const crashChildEnv = "CRISISBOT_CRASH_CHILD_DIR"

// crashDocs are about 1,800 passages: seven batches of ingestBatch.
func crashDocs() []corpus.Document { return synthDocs(5, 600, 3) }

func TestCrashChild(t *testing.T) {
	dir := os.Getenv(crashChildEnv)
	if dir == "" {
		t.Skip("runs only as TestCrashMidBatchIngest's subprocess")
	}
	ctx := context.Background()
	var (
		pending []string // the documents this ingest writes, in order
		printed int
	)
	reader := facts.NewReader()
	l, err := Open(ctx, Options{
		Dir: dir,
		Progress: func(p Progress) {
			for _, id := range pending[printed:p.Docs] {
				fmt.Println("stored", id)
			}
			printed = p.Docs
		},
		readFacts: func(d corpus.Document, ps []corpus.Passage) []facts.Fact {
			fmt.Println("read", d.ID)
			return reader.ReadPassages(d, ps)
		},
	})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	for _, d := range crashDocs() {
		if _, ok := l.Document(d.ID); !ok {
			pending = append(pending, d.ID)
		}
	}
	if _, err := l.Ingest(ctx, crashDocs()); err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	fmt.Println("done")
}

// TestCrashMidBatchIngest kills ingesting processes with SIGKILL at random
// points, each resuming where the last was killed, and checks after every
// kill that each document ever reported stored is intact (body, passages,
// vectors, facts) and that at most the batch in flight beyond them was
// stored; then a last run completes the ingest. A kill lands after a random
// number of the child's "read" and "stored" lines: while it reads facts,
// embeds, writes or commits a batch, or updates its indexes.
func TestCrashMidBatchIngest(t *testing.T) {
	if os.Getenv(crashChildEnv) != "" {
		t.Skip("already the child")
	}
	docs := crashDocs()
	seed := rand.Uint64()
	t.Logf("seed %d", seed)
	r := rand.New(rand.NewPCG(seed, seed))
	dir := t.TempDir()
	var reported []string
	for round := 0; ; round++ {
		// Kill after a random line among the next two batches' worth
		// (about 100 documents' reads and stores each); the last round is
		// never killed.
		killAfter := -1
		if round < 4 {
			killAfter = 1 + r.IntN(400)
		}
		got, done := runCrashChild(t, dir, killAfter)
		reported = append(reported, got...)
		if done {
			if round < 4 {
				t.Logf("round %d: the child finished before line %d", round, killAfter)
			}
			stored := checkStored(t, dir, docs, reported)
			if len(stored) != len(docs) {
				t.Fatalf("after the completed run %d of %d documents are stored", len(stored), len(docs))
			}
			return
		}
		stored := checkStored(t, dir, docs, reported)
		t.Logf("round %d: killed after line %d; %d reported, %d stored", round, killAfter, len(reported), len(stored))
		// Only the batch in flight may be stored without having been
		// reported.
		if extra := len(stored) - len(reported); extra > maxBatchDocs(docs) {
			t.Errorf("%d documents stored beyond the %d reported: more than one batch", extra, len(reported))
		}
		// What is stored now must survive the next kills too; the next
		// run skips it, so it is never reported.
		reported = stored
	}
}

// maxBatchDocs returns how many documents of docs one batch of Ingest can
// hold at most: ingestBatch passages of the shortest documents.
func maxBatchDocs(docs []corpus.Document) int {
	shortest := ingestBatch
	for _, d := range docs {
		shortest = min(shortest, len(corpus.Chunk(d)))
	}
	return ingestBatch / max(1, shortest)
}

// runCrashChild runs the child on dir and kills it after killAfter lines
// ("read" or "stored"), or never if killAfter < 0. It returns the
// documents reported stored and whether the child finished.
func runCrashChild(t *testing.T, dir string, killAfter int) (stored []string, done bool) {
	t.Helper()
	lines := 0
	done = runChild(t, "TestCrashChild", crashChildEnv, dir, func(line string) bool {
		if id, ok := strings.CutPrefix(line, "stored "); ok {
			stored = append(stored, id)
		}
		if strings.HasPrefix(line, "stored ") || strings.HasPrefix(line, "read ") {
			lines++
		}
		return lines == killAfter
	})
	return stored, done
}

// runChild runs the test binary's test as a child process with env set
// to dir, passes each line it prints to kill, and kills the child when
// kill says so. A line "error …" fails the test; it reports whether the
// child printed "done" (a child killed just after it did has finished).
func runChild(t *testing.T, test, env, dir string, kill func(line string) bool) (done bool) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$", "-test.count=1")
	cmd.Env = append(os.Environ(), env+"="+dir)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	killed := false
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "error") {
			t.Fatalf("child: %s", line)
		}
		if line == "done" {
			done = true
			continue
		}
		if kill(line) {
			if err := cmd.Process.Kill(); err != nil {
				t.Fatal(err)
			}
			killed = true
			// The child may have finished before the kill landed: what
			// it wrote is still in the pipe, and it may have exited 0 or
			// been killed after its "done".
			for sc.Scan() {
				done = done || sc.Text() == "done"
			}
			break
		}
	}
	err = cmd.Wait()
	if !killed && done != (err == nil) {
		t.Fatalf("child finished %v, exit: %v", done, err)
	}
	if killed && err == nil && !done {
		t.Fatalf("child exited cleanly without finishing")
	}
	return done
}

// checkStored opens dir and checks that every document of reported is
// stored intact, and that what is stored is a prefix of docs (they are
// ingested in order) with its facts, vectors and passage count; it returns
// the stored ids.
func checkStored(t *testing.T, dir string, docs []corpus.Document, reported []string) []string {
	t.Helper()
	reader := &factCounter{}
	l, err := Open(context.Background(), Options{Dir: dir, readFacts: reader.read})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	var stored []string
	for _, info := range l.Documents() {
		stored = append(stored, info.ID)
	}
	want := make([]string, min(len(stored), len(docs)))
	for i := range want {
		want[i] = docs[i].ID
	}
	if diff := cmp.Diff(want, stored, cmpopts.EquateEmpty()); diff != "" {
		t.Fatalf("stored documents are not a prefix of the ingested ones (-prefix +stored):\n%s", diff)
	}
	for _, id := range reported {
		if !slices.Contains(stored, id) {
			t.Errorf("document %s was reported stored and is lost", id)
		}
	}
	// Each document's facts were stored with it: none is read again.
	if got := reader.take(); got != nil {
		t.Errorf("documents without their facts after the crash: %v", got)
	}
	passages := 0
	for _, d := range docs[:len(stored)] {
		got, ok := l.Document(d.ID)
		if !ok {
			t.Fatalf("document %s missing", d.ID)
		}
		if diff := cmp.Diff(d, got); diff != "" {
			t.Errorf("document %s (-want +got):\n%s", d.ID, diff)
		}
		for _, p := range corpus.Chunk(d) {
			if got, ok := l.Passage(p.ID); !ok || got != p {
				t.Errorf("passage %s: %+v, %v", p.ID, got, ok)
			}
			passages++
		}
	}
	if len(stored) > 0 {
		last := docs[len(stored)-1] // the likeliest to be torn
		if diff := cmp.Diff(wantFacts(last), l.DocFacts(last.ID)); diff != "" {
			t.Errorf("facts of %s (-want +got):\n%s", last.ID, diff)
		}
	}
	if got := l.Stats().Passages; got != passages {
		t.Errorf("Stats().Passages = %d, want %d", got, passages)
	}
	// Every passage has its vector, equal to a fresh embedding of its text.
	local := NewLocalEmbedder()
	vectors := 0
	err = l.st.forEachPassage(local.Name(), LocalDim, func(p corpus.Passage, v []float32) error {
		want, err := local.Embed(context.Background(), []string{p.Text})
		if err != nil {
			return err
		}
		if diff := cmp.Diff(want[0], v, cmpopts.EquateApprox(0, 1e-7)); diff != "" {
			t.Errorf("vector of %s differs:\n%s", p.ID, diff)
		}
		vectors++
		return nil
	})
	if err != nil || vectors != passages {
		t.Fatalf("%d vectors for %d passages: %v", vectors, passages, err)
	}
	if len(stored) > 0 {
		for _, mode := range []Mode{Hybrid, Vector, Lexical} {
			res, err := l.Search(context.Background(), newBenchText(6).queries(1)[0], SearchOptions{Mode: mode})
			if err != nil || len(res) == 0 {
				t.Errorf("%s search after the crash: %d results, %v", mode, len(res), err)
			}
		}
	}
	return stored
}
