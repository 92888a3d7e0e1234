package bot

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	lru "github.com/hashicorp/golang-lru/v2"

	"github.com/crisisbot/crisisbot/errs"
	"github.com/crisisbot/crisisbot/timeline"
)

// Timeline is the dated chain of events /timeline pages through.
// timeline.View implements it.
type Timeline interface {
	Events(ctx context.Context, q timeline.Request) ([]timeline.Event, error)
	Topics() []string
}

// timelinePage is how many events a /timeline page shows.
const timelinePage = 10

// timelineQuery is a /timeline request kept for its page buttons, which
// only its requester may press.
type timelineQuery struct {
	owner string
	req   timeline.Request
}

// timelineQueries remembers recent /timeline requests by a short id, so a
// button's custom id stays far below Discord's 100 characters.
type timelineQueries struct {
	mu   sync.Mutex
	next int
	c    *lru.Cache[string, timelineQuery]
}

// timelineCommand pages through the events of every stored article.
func (b *Bot) timelineCommand() Command {
	queries := &timelineQueries{}
	queries.c, _ = lru.New[string, timelineQuery](maxConversations)
	topics := func(_ context.Context, prefix string) []string {
		var out []string
		p := strings.ToLower(strings.TrimSpace(prefix))
		for _, t := range b.opts.Timeline.Topics() {
			if p == "" || strings.Contains(strings.ToLower(t), p) {
				out = append(out, t)
			}
		}
		return out
	}
	return Command{
		Name:        "timeline",
		Description: "The dated chain of events, with each date's sources and where they disagree.",
		Options: []Option{
			{Name: "from", Description: "From this date: 2025, 2025-06, 2025-06-30 or June 2025", Type: String},
			{Name: "to", Description: "Up to this date, inclusive", Type: String},
			{Name: "about", Description: "Only events about this: Sputnik, airliner, Armenia…", Type: String, MaxLength: 200, Complete: topics},
		},
		Check: func(req Request) error {
			_, err := timelineRequest(req)
			return err
		},
		Run: func(ctx context.Context, req Request) (Reply, error) {
			tr, err := timelineRequest(req)
			if err != nil {
				return Reply{}, err
			}
			queries.mu.Lock()
			queries.next++
			id := strconv.Itoa(queries.next)
			queries.mu.Unlock()
			queries.c.Add(id, timelineQuery{owner: req.User.ID, req: tr})
			return b.timelinePage(ctx, id, tr, 0)
		},
		Press: func(ctx context.Context, p Press) (Reply, error) {
			id, pageText, _ := strings.Cut(p.Arg, ".")
			q, ok := queries.c.Get(id)
			if !ok {
				return note("These pages have expired; run /timeline again."), nil
			}
			if q.owner != p.User.ID {
				return note("Only the person who asked can turn these pages; run /timeline yourself."), nil
			}
			page, err := strconv.Atoi(pageText)
			if err != nil {
				return note("That button no longer does anything."), nil
			}
			r, err := b.timelinePage(ctx, id, q.req, page)
			r.Update = true
			return r, err
		},
	}
}

// timelineRequest reads /timeline's options.
func timelineRequest(req Request) (timeline.Request, error) {
	tr := timeline.Request{About: req.Option("about")}
	for name, dst := range map[string]*string{"from": &tr.From, "to": &tr.To} {
		v := req.Option(name)
		if v == "" {
			continue
		}
		d, err := timeline.ParseDateArg(v)
		if err != nil {
			return tr, errs.Errorf(errs.Invalid, "%s: %s", name, errs.Message(err))
		}
		*dst = d.Value
	}
	return tr, nil
}

// timelinePage renders page (from 0) of the request's events.
func (b *Bot) timelinePage(ctx context.Context, id string, tr timeline.Request, page int) (Reply, error) {
	events, err := b.opts.Timeline.Events(ctx, tr)
	if err != nil {
		return Reply{}, err
	}
	title := "Timeline"
	if tr.About != "" {
		title += ": " + tr.About
	}
	r := Reply{Title: title, Embed: true}
	if len(events) == 0 {
		r.Text = "No dated events match."
		return r, nil
	}
	pages := (len(events) + timelinePage - 1) / timelinePage
	page = max(0, min(page, pages-1))
	lo, hi := page*timelinePage, min((page+1)*timelinePage, len(events))
	r.Text = TimelineText(events[lo:hi])
	r.Footer = fmt.Sprintf("Page %d of %d · %s · dates as each source gives them", page+1, pages, plural(len(events), "event"))
	if pages > 1 {
		r.Buttons = []Button{
			{ID: buttonID("timeline", "prev", id+"."+strconv.Itoa(page-1)), Label: "Previous", Emoji: "◀️", Disabled: page == 0},
			{ID: buttonID("timeline", "next", id+"."+strconv.Itoa(page+1)), Label: "Next", Emoji: "▶️", Disabled: page == pages-1},
		}
	}
	return r, nil
}

// TimelineText renders events one per line, each with its date, summary,
// numbered sources and any disagreement, then the numbered sources.
func TimelineText(events []timeline.Event) string {
	var sb strings.Builder
	refs := map[string]int{}
	var docs []timeline.Source
	ref := func(s timeline.Source) int {
		if n, ok := refs[s.DocID]; ok {
			return n
		}
		docs = append(docs, s)
		refs[s.DocID] = len(docs)
		return len(docs)
	}
	cite := func(nums []int) string {
		slices.Sort(nums)
		var cs []string
		for _, n := range nums {
			cs = append(cs, fmt.Sprintf("[%d]", n))
		}
		return strings.Join(cs, "")
	}
	for _, e := range events {
		// The articles that give the event's own date are cited for it;
		// those that date it only to its month or year are cited with
		// that date ("(December 2024: [3][21])"), so that a line of 28
		// December does not seem to say they all name that day. An event
		// whose dates are disputed shows each in its conflict instead.
		var nums []int
		coarse := map[string][]int{}
		var coarseOrder []string
		disputed := len(e.DateClaims()) > 0
		for _, s := range e.Sources {
			if s.Undated {
				// It states a cause of death the event's accounts give,
				// not the event's date: it is cited in those accounts
				// only. An article of 29 June cited for a line of 1 July
				// would seem to report it.
				continue
			}
			if s.Date == "" || s.Date == e.Date.Value || disputed {
				nums = append(nums, ref(s))
				continue
			}
			if _, ok := coarse[s.Date]; !ok {
				coarseOrder = append(coarseOrder, s.Date)
			}
			coarse[s.Date] = append(coarse[s.Date], ref(s))
		}
		fmt.Fprintf(&sb, "%s — %s %s", e.DateText(), e.Summary, cite(nums))
		if len(coarseOrder) > 0 {
			var parts []string
			for _, d := range coarseOrder {
				parts = append(parts, timeline.DateLabel(d)+": "+cite(coarse[d]))
			}
			fmt.Fprintf(&sb, " (%s)", strings.Join(parts, "; "))
		}
		// Articles differ on a date or a count; on a cause, the sides'
		// accounts do, and one article may relay them all.
		for _, accounts := range []bool{false, true} {
			var sides []string
			for _, c := range e.Conflicts {
				if c.Account != accounts {
					continue
				}
				var ns []int
				for _, id := range c.Sources {
					if i := slices.IndexFunc(e.Sources, func(s timeline.Source) bool { return s.DocID == id }); i >= 0 {
						ns = append(ns, ref(e.Sources[i]))
					}
				}
				sides = append(sides, c.Claim+" "+cite(ns))
			}
			if len(sides) > 0 {
				who := "sources"
				if accounts {
					who = "accounts"
				}
				fmt.Fprintf(&sb, " ⚠️ %s differ: %s", who, strings.Join(sides, " · "))
			}
		}
		sb.WriteString("\n")
	}
	sb.WriteString("\nSources:\n")
	for i, s := range docs {
		fmt.Fprintf(&sb, "[%d] %s\n", i+1, s.Title)
	}
	return strings.TrimSpace(sb.String())
}
