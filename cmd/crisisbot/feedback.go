package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/crisisbot/crisisbot/answer"
	"github.com/crisisbot/crisisbot/bot"
	"github.com/crisisbot/crisisbot/errs"
	"github.com/crisisbot/crisisbot/internal/safetext"
)

func runFeedback(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "feedback", "", "List the 👍/👎 votes users gave answers, newest first, with the question and the cited passages.\nA user's later vote on the same answer replaces their earlier one.")
	asJSON := fs.Bool("json", false, "print one JSON object")
	down := fs.Bool("down", false, "only 👎 votes")
	args, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(args) > 0 {
		return errs.Errorf(errs.Usage, "feedback takes no arguments, got %q", args)
	}
	cfg, err := e.loadConfig()
	if err != nil {
		return err
	}
	// The votes file is read directly, so this works while serve runs.
	all, skipped, err := bot.ReadFeedback(cfg.DataDir)
	if err != nil {
		return err
	}
	for _, b := range skipped {
		fmt.Fprintf(e.stderr, "crisisbot: warning: skipped an unreadable vote: %s\n", safetext.Strip(b.Error()))
	}
	votes := bot.LatestVotes(all)
	if *down {
		kept := votes[:0]
		for _, v := range votes {
			if v.Vote == "down" {
				kept = append(kept, v)
			}
		}
		votes = kept
	}
	if *asJSON {
		if votes == nil {
			votes = []bot.Feedback{}
		}
		return writeJSON(e.stdout, struct {
			Feedback []bot.Feedback `json:"feedback"`
		}{votes})
	}
	if len(votes) == 0 {
		fmt.Fprintln(e.stdout, "No feedback yet.")
		return nil
	}
	up := 0
	for _, v := range votes {
		if v.Vote == "up" {
			up++
		}
	}
	noun := "votes"
	if len(votes) == 1 {
		noun = "vote"
	}
	fmt.Fprintf(e.stdout, "%d %s: %d 👍, %d 👎\n\n", len(votes), noun, up, len(votes)-up)
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "TIME\tVOTE\tMODE\tQUESTION\tPASSAGES")
	for _, v := range votes {
		mark := "👍"
		if v.Vote == "down" {
			mark = "👎"
		}
		q := oneLine(v.Question, 70)
		if v.FollowsUp != "" {
			// A follow-up ("what about that?") reads only with the
			// question it followed.
			q += " (after: " + oneLine(v.FollowsUp, 50) + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", v.Time.UTC().Format("2006-01-02 15:04"), mark, v.Mode,
			q, strings.Join(v.PassageIDs, " "))
	}
	return tw.Flush()
}

// oneLine flattens s to one line of at most n characters, without the
// control characters that could drive the operator's terminal.
func oneLine(s string, n int) string {
	s = answer.CleanText(s)
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
