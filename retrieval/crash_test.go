package retrieval

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/crisisbot/crisisbot/corpus"
)

// crashChildEnv switches the test binary into the crash test's child: it
// ingests crashDocs into the directory named by the variable in one Ingest,
// printing "stored ID" as each document is written (from Progress). The
// next document's transaction starts right after, so the parent's SIGKILL
// usually lands inside a transaction.
const crashChildEnv = "CRISISBOT_CRASH_CHILD_DIR"

func crashDocs() []corpus.Document { return synthDocs(5, 300, 12) }

func TestCrashChild(t *testing.T) {
	dir := os.Getenv(crashChildEnv)
	if dir == "" {
		t.Skip("runs only as TestCrashMidIngest's subprocess")
	}
	docs := crashDocs()
	ctx := context.Background()
	l, err := Open(ctx, Options{Dir: dir, Progress: func(p Progress) {
		if p.Docs > 0 { // every document is new, so they are stored in order
			fmt.Println("stored", docs[p.Docs-1].ID)
		}
	}})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	if _, err := l.Ingest(ctx, docs); err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	fmt.Println("done")
}

// TestCrashMidIngest kills an ingesting process with SIGKILL and checks
// that the directory opens with every document it reported stored intact,
// each with its facts.
// Kill points: the first document, one at the edge of an embedding batch
// (256 passages, about 21 documents), one mid-batch.
func TestCrashMidIngest(t *testing.T) {
	if os.Getenv(crashChildEnv) != "" {
		t.Skip("already the child")
	}
	for _, killAfter := range []int{1, 21, 40} {
		t.Run(fmt.Sprint(killAfter), func(t *testing.T) { crashAfter(t, killAfter) })
	}
}

func crashAfter(t *testing.T, killAfter int) {
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashChildEnv+"="+dir)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var reported []string
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "error") || line == "done" {
			t.Fatalf("child: %s", line)
		}
		if id, ok := strings.CutPrefix(line, "stored "); ok {
			reported = append(reported, id)
		}
		if len(reported) == killAfter {
			// The child is busy with the next documents: the kill lands
			// anywhere, often inside a transaction.
			if err := cmd.Process.Kill(); err != nil {
				t.Fatal(err)
			}
			break
		}
	}
	if err := cmd.Wait(); err == nil || len(reported) != killAfter {
		t.Fatalf("child was not killed midway: %v after %d documents", err, len(reported))
	}

	reader := &factCounter{}
	l := openTest(t, Options{Dir: dir, readFacts: reader.read})
	byID := map[string]corpus.Document{}
	for _, d := range crashDocs() {
		byID[d.ID] = d
	}
	var stored []string
	for _, info := range l.Documents() {
		stored = append(stored, info.ID)
	}
	// Documents are ingested in order: what is stored is a prefix of them,
	// at least as long as what was reported (the child may have committed
	// more before the signal arrived).
	if len(stored) < killAfter || len(stored) == len(byID) {
		t.Fatalf("%d documents stored, want at least %d and not all", len(stored), killAfter)
	}
	t.Logf("killed after %d reported documents; %d stored", killAfter, len(stored))
	if diff := cmp.Diff(reported, stored[:killAfter]); diff != "" {
		t.Errorf("stored documents do not start with the reported ones (-reported +stored):\n%s", diff)
	}
	// Each document's facts were stored with it: none is read again, and
	// the last one stored, the likeliest to be torn, has its own.
	if got := reader.take(); got != nil {
		t.Errorf("documents without their facts after the crash: %v", got)
	}
	for _, id := range []string{stored[0], stored[len(stored)-1]} {
		if diff := cmp.Diff(wantFacts(byID[id]), l.DocFacts(id)); diff != "" {
			t.Errorf("facts of %s (-want +got):\n%s", id, diff)
		}
	}
	local := NewLocalEmbedder()
	passages := 0
	for _, id := range stored {
		want := byID[id]
		got, ok := l.Document(id)
		if !ok {
			t.Fatalf("document %s missing", id)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("document %s (-want +got):\n%s", id, diff)
		}
		for _, p := range corpus.Chunk(want) {
			got, ok := l.Passage(p.ID)
			if !ok || got != p {
				t.Errorf("passage %s: %+v, %v", p.ID, got, ok)
			}
			passages++
		}
	}
	if got := l.Stats().Passages; got != passages {
		t.Errorf("Stats().Passages = %d, want %d", got, passages)
	}
	// Every passage has its vector, equal to a fresh embedding of its text.
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
	// Search works, and the directory takes the rest of the documents.
	for _, mode := range []Mode{Hybrid, Vector, Lexical} {
		res, err := l.Search(context.Background(), newBenchText(6).queries(1)[0], SearchOptions{Mode: mode})
		if err != nil || len(res) == 0 {
			t.Errorf("%s search after the crash: %d results, %v", mode, len(res), err)
		}
	}
	rep, err := l.Ingest(context.Background(), crashDocs())
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Unchanged) != len(stored) || len(rep.Added) != len(byID)-len(stored) {
		t.Errorf("ingest after the crash: %d unchanged, %d added; want %d, %d",
			len(rep.Unchanged), len(rep.Added), len(stored), len(byID)-len(stored))
	}
}
