package bot

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/crisisbot/crisisbot/errs"
	"github.com/crisisbot/crisisbot/internal/fakediscord"
	"github.com/crisisbot/crisisbot/retrieval"
)

// fakeCurator records /ingest and /remove and stores into its corpus.
type fakeCurator struct {
	mu      sync.Mutex
	docs    []retrieval.DocInfo
	fetched []string
	removed []string
	// fetchErr, when set, is what IngestURL fails with.
	fetchErr error
	// refuse, when set, is why the library refuses the fetched article.
	refuse string
}

func (c *fakeCurator) IngestURL(_ context.Context, url string) (retrieval.IngestReport, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.fetched = append(c.fetched, url)
	if c.fetchErr != nil {
		return retrieval.IngestReport{}, c.fetchErr
	}
	if c.refuse != "" {
		return retrieval.IngestReport{Refused: []retrieval.Refusal{{ID: "theatre", Source: url, Reason: c.refuse}}}, nil
	}
	c.docs = append(c.docs, retrieval.DocInfo{ID: "theatre", Title: "Baku theatre festival cancelled", Outlet: "Example News",
		Published: "2025-07-03", PublishedPrecision: "day", URL: url, Passages: 3})
	return retrieval.IngestReport{Added: []string{"theatre"}, Passages: 3}, nil
}

func (c *fakeCurator) Remove(_ context.Context, ids []string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.removed = append(c.removed, ids...)
	return nil
}

func (c *fakeCurator) Documents() []retrieval.DocInfo {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]retrieval.DocInfo(nil), c.docs...)
}

func (c *fakeCurator) Stats() retrieval.Stats { return retrieval.Stats{Docs: len(c.Documents())} }

func (c *fakeCurator) calls() (fetched, removed []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.fetched...), append([]string(nil), c.removed...)
}

// newCurateHarness is a Discord harness whose bot has /ingest and /remove
// over a fakeCurator.
func newCurateHarness(t *testing.T) (*discordHarness, *fakeCurator) {
	c := &fakeCurator{docs: []retrieval.DocInfo{{ID: "raid", Title: "Russia and Azerbaijan trade accusations", Outlet: "OC Media"}}}
	h := newDiscordHarness(t, harnessOptions{extra: []Command{ingestCommand(c, c), removeCommand(c, c)}})
	return h, c
}

func TestDiscordIngestAndRemoveAreTheirOwnManageServerCommands(t *testing.T) {
	t.Parallel()
	h, _ := newCurateHarness(t)
	c := h.wait("registration", func(c fakediscord.Call) bool { return c.Is("PUT", "applications/") })
	var cmds []struct {
		Name                     string       `json:"name"`
		DefaultMemberPermissions *string      `json:"default_member_permissions"`
		DMPermission             *bool        `json:"dm_permission"`
		Options                  []wireOption `json:"options"`
	}
	if err := c.JSON(&cmds); err != nil {
		t.Fatal(err)
	}
	type reg struct {
		Perm    string
		DMs     bool
		Options []wireOption
	}
	got := map[string]reg{}
	for _, cmd := range cmds {
		r := reg{Options: cmd.Options}
		if cmd.DefaultMemberPermissions != nil {
			r.Perm = *cmd.DefaultMemberPermissions
		}
		r.DMs = cmd.DMPermission == nil || *cmd.DMPermission
		got[cmd.Name] = r
	}
	want := map[string]reg{
		// "32" is Manage Server (Manage Guild, 1<<5), as a string.
		"ingest": {Perm: "32", Options: []wireOption{{Name: "url", Type: 3, Required: true, MaxLength: maxURLChars}}},
		"remove": {Perm: "32", Options: []wireOption{{Name: "id", Type: 3, Required: true, MaxLength: 200, Autocomplete: true}}},
	}
	for name, w := range want {
		if diff := cmp.Diff(w, got[name]); diff != "" {
			t.Errorf("/%s registered (-want +got):\n%s", name, diff)
		}
	}
	if got["ask"].Perm != "" {
		t.Errorf("/ask registered with default_member_permissions %q, want none", got["ask"].Perm)
	}
}

func TestDiscordIngestDefersThenSaysWhatWasStored(t *testing.T) {
	t.Parallel()
	h, cur := newCurateHarness(t)
	const article = "https://example.com/news/theatre"
	ingest := func(perms int64, url string) map[string]any {
		in := h.fake.SlashCommand(fakediscord.Actor{GuildID: testGuild, Permissions: perms}, "ingest", fakediscord.Option("url", url))
		h.dispatch("INTERACTION_CREATE", in)
		return in
	}

	// A plain member is refused at once, and nothing is fetched.
	in := ingest(0, article)
	if m := decode(t, h.wait("refusal", callbackOf(in))); m.Type != 4 || m.Flags&64 == 0 || m.Content != "/ingest needs the Manage Server permission." {
		t.Errorf("/ingest by a plain member = %+v, want an ephemeral refusal naming Manage Server", m)
	}
	// Not an http(s) address: refused at once too.
	in = ingest(manageServer, "file:///etc/passwd")
	if m := decode(t, h.wait("refusal", callbackOf(in))); m.Type != 4 || m.Flags&64 == 0 || !strings.Contains(m.Content, "http(s) address") {
		t.Errorf("/ingest of a file URL = %+v, want an ephemeral note asking for an http(s) address", m)
	}
	if fetched, _ := cur.calls(); len(fetched) != 0 {
		t.Fatalf("refused requests fetched %v", fetched)
	}

	in = ingest(manageServer, article)
	if m := decode(t, h.wait("deferral", callbackOf(in))); m.Type != 5 || m.Flags&64 == 0 {
		t.Errorf("/ingest acknowledged with type %d flags %d, want a private deferral (type 5, flags 64)", m.Type, m.Flags)
	}
	m := decode(t, h.wait("edit", editOf(in)))
	want := "Stored `theatre`: “Baku theatre festival cancelled” (Example News, 2025-07-03), 3 passages. Answers can cite it now."
	if m.Content != want {
		t.Errorf("/ingest edited the response to %q, want %q", m.Content, want)
	}
	if fetched, _ := cur.calls(); !cmp.Equal(fetched, []string{article}) {
		t.Errorf("fetched %v, want the one URL", fetched)
	}

	// A failed download is explained to the operator.
	cur.mu.Lock()
	cur.fetchErr = errs.Errorf(errs.Unavailable, "fetch %s: timed out", article)
	cur.mu.Unlock()
	in = ingest(manageServer, article)
	h.wait("deferral", callbackOf(in))
	if m := decode(t, h.wait("edit", editOf(in))); m.Content != "fetch "+article+": timed out" {
		t.Errorf("/ingest of a URL that timed out edited the response to %q, want the reason", m.Content)
	}

	// An article over a limit is reported as refused, not as stored.
	cur.mu.Lock()
	cur.fetchErr, cur.refuse = nil, "1400 passages, over the limit of 1000 per document"
	cur.mu.Unlock()
	in = ingest(manageServer, article)
	h.wait("deferral", callbackOf(in))
	want = "Not stored: `theatre` is over a limit: 1400 passages, over the limit of 1000 per document (corpus.max_document_bytes and corpus.max_passages in the config cap a document)."
	if m := decode(t, h.wait("edit", editOf(in))); m.Content != want {
		t.Errorf("/ingest of an article over the passage cap edited the response to %q, want %q", m.Content, want)
	}
}

func TestDiscordRemoveDefersThenSaysWhatWasRemoved(t *testing.T) {
	t.Parallel()
	h, cur := newCurateHarness(t)
	remove := func(perms int64, id string) map[string]any {
		in := h.fake.SlashCommand(fakediscord.Actor{GuildID: testGuild, Permissions: perms}, "remove", fakediscord.Option("id", id))
		h.dispatch("INTERACTION_CREATE", in)
		return in
	}
	in := remove(0, "raid")
	if m := decode(t, h.wait("refusal", callbackOf(in))); m.Type != 4 || !strings.Contains(m.Content, "Manage Server") {
		t.Errorf("/remove by a plain member = %+v, want a refusal naming Manage Server", m)
	}
	in = remove(manageServer, "nope")
	if m := decode(t, h.wait("refusal", callbackOf(in))); m.Type != 4 || m.Flags&64 == 0 || !strings.Contains(m.Content, `"nope"`) {
		t.Errorf("/remove of an unknown id = %+v, want an ephemeral note naming it", m)
	}
	if _, removed := cur.calls(); len(removed) != 0 {
		t.Fatalf("refused requests removed %v", removed)
	}

	// The id is autocompleted from ids and titles.
	ac := h.fake.Autocomplete(fakediscord.Actor{GuildID: testGuild, Permissions: manageServer}, "remove", fakediscord.Focused("id", "accus"))
	h.dispatch("INTERACTION_CREATE", ac)
	var cb struct {
		Data struct {
			Choices []struct {
				Value string `json:"value"`
			} `json:"choices"`
		} `json:"data"`
	}
	if err := h.wait("choices", callbackOf(ac)).JSON(&cb); err != nil {
		t.Fatal(err)
	}
	if len(cb.Data.Choices) != 1 || cb.Data.Choices[0].Value != "raid" {
		t.Errorf("autocomplete of %q = %+v, want raid", "accus", cb.Data.Choices)
	}

	in = remove(manageServer, "raid")
	if m := decode(t, h.wait("deferral", callbackOf(in))); m.Type != 5 || m.Flags&64 == 0 {
		t.Errorf("/remove acknowledged with type %d flags %d, want a private deferral (type 5, flags 64)", m.Type, m.Flags)
	}
	want := "Removed `raid`: “Russia and Azerbaijan trade accusations” (OC Media), with its passages. Answers no longer cite it."
	if m := decode(t, h.wait("edit", editOf(in))); m.Content != want {
		t.Errorf("/remove edited the response to %q, want %q", m.Content, want)
	}
	if _, removed := cur.calls(); !cmp.Equal(removed, []string{"raid"}) {
		t.Errorf("removed %v, want raid", removed)
	}
}
