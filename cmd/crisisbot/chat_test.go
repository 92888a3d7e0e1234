package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestChatOverPipedInput drives the terminal twin as a script would: a
// question, a follow-up that needs the first, a vote, and the commands.
func TestChatOverPipedInput(t *testing.T) {
	c := newCLI(t)
	c.stdin = strings.Join([]string{
		"Why was Sputnik's Baku office raided?",
		"What did Moscow say about that?",
		"/good",
		"/sources",
		"/ask question:" + strings.Repeat("why ", 300),
		"/frobnicate",
		"/quit",
		"Never answered: input after /quit",
	}, "\n")
	out := c.mustRun("chat")
	blocks := strings.Split(out, "\n> ")
	if len(blocks) != 6 {
		t.Fatalf("chat printed %d replies, want 6 (input after /quit ignored):\n%s", len(blocks), out)
	}
	first, follow := blocks[0], blocks[1]
	if !strings.Contains(first, "Sputnik") || !strings.Contains(first, "[1]") || !strings.Contains(first, "Sources:") {
		t.Errorf("first answer lacks Sputnik, a citation or the sources:\n%s", first)
	}
	// Alone, "that" names nothing; with the first question it is the raid,
	// which the articles say Moscow called baseless.
	if !strings.Contains(follow, "baseless") {
		t.Errorf("follow-up answer does not use the earlier question (want Moscow's denial, 'baseless'):\n%s", follow)
	}
	if !strings.Contains(blocks[2], "👍 is recorded") {
		t.Errorf("/good reply = %q", blocks[2])
	}
	if !strings.Contains(blocks[3], "5 articles") {
		t.Errorf("/sources reply lacks the article count:\n%s", blocks[3])
	}
	if !strings.Contains(blocks[4], "1199 characters") || !strings.Contains(blocks[4], "1000") {
		t.Errorf("over-long question reply does not name both lengths:\n%s", blocks[4])
	}
	if !strings.Contains(blocks[5], "/frobnicate") {
		t.Errorf("unknown command reply = %q", blocks[5])
	}
	if strings.Contains(out, "Never answered") {
		t.Errorf("chat went on after /quit:\n%s", out)
	}

	// The vote is listed by crisisbot feedback, with the question and the
	// cited passages.
	var fb struct {
		Feedback []struct {
			Vote       string   `json:"vote"`
			Question   string   `json:"question"`
			PassageIDs []string `json:"passage_ids"`
		} `json:"feedback"`
	}
	if err := json.Unmarshal([]byte(c.mustRun("feedback", "--json")), &fb); err != nil {
		t.Fatal(err)
	}
	if len(fb.Feedback) != 1 || fb.Feedback[0].Vote != "up" || fb.Feedback[0].Question != "What did Moscow say about that?" || len(fb.Feedback[0].PassageIDs) == 0 {
		t.Errorf("feedback --json = %+v, want one 👍 on the follow-up with its passage ids", fb.Feedback)
	}
	if text := c.mustRun("feedback"); !strings.Contains(text, "1 vote: 1 👍") {
		t.Errorf("feedback text = %q", text)
	}
}
