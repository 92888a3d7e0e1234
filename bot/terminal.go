package bot

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"
)

// terminalKey is the terminal session's conversation.
const terminalKey = "terminal"

// terminalButtons are the terminal's words for an answer's buttons.
var terminalButtons = map[string]string{"up": "/good", "down": "/bad", "src": "/passages", "prev": "/prev", "next": "/next"}

// Terminal is the terminal twin of the Discord transport: the same
// commands and replies, typed and printed. A line that is not a command is
// a question, and follows up on the answers before it.
type Terminal struct {
	bot  *Bot
	user User
	// last holds each command's latest reply's buttons, which /good,
	// /bad, /passages, /prev and /next press: a /timeline does not take
	// an answer's 👍 away, and a new /timeline replaces an old one's pages.
	last map[string][]Button
}

// NewTerminal returns the terminal transport for b, acting as user.
func NewTerminal(b *Bot, user User) *Terminal {
	if user.ID == "" {
		user.ID = "terminal"
	}
	return &Terminal{bot: b, user: user}
}

// Run reads lines from in until it ends, ctx ends, or "/quit", and prints
// each reply to out. With prompt it prints "> " before each line, for
// interactive use. A line too long to be a question is refused with the
// question-length note, and the lines after it are read as usual.
func (t *Terminal) Run(ctx context.Context, in io.Reader, out io.Writer, prompt bool) error {
	rd := bufio.NewReader(in)
	// No command or question of MaxQuestionChars runes needs more bytes;
	// a longer line is refused without being held in memory.
	keep := 4*t.bot.opts.MaxQuestionChars + 1024
	for {
		if prompt {
			fmt.Fprint(out, "> ")
		}
		raw, runes, long, err := readLine(rd, keep)
		if err != nil {
			if prompt {
				fmt.Fprintln(out)
			}
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
		line := strings.TrimSpace(raw)
		if line == "" {
			continue
		}
		var r Reply
		if long {
			line = truncate(line, 80)
			r = t.bot.errorReply("ask", t.bot.tooLong(runes))
		} else {
			if name, _, ok := commandName(line); ok && (name == "quit" || name == "exit") {
				return nil
			}
			var ok bool
			if r, ok = t.Line(ctx, line); !ok {
				continue
			}
		}
		if !prompt {
			// Piped input is not echoed by a terminal: show what is
			// being answered, so the output reads as a transcript.
			fmt.Fprintf(out, "> %s\n\n", line)
		}
		WriteText(out, r)
		if hint := t.buttonHint(r.Buttons); hint != "" {
			fmt.Fprintln(out, hint)
		}
		fmt.Fprintln(out)
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
}

// readLine reads one line of any length from rd, without its line end. It
// keeps at most keep bytes of it (long reports whether there were more)
// and counts its characters, so a line of megabytes costs no memory and is
// still refused by its length. It returns io.EOF only when no line is left.
func readLine(rd *bufio.Reader, keep int) (line string, runes int, long bool, err error) {
	var b []byte
	read := false
	for {
		chunk, err := rd.ReadSlice('\n')
		read = read || len(chunk) > 0
		if err == nil {
			chunk = bytes.TrimRight(chunk, "\r\n")
		}
		for _, c := range chunk { // exact when a chunk ends inside a rune
			if utf8.RuneStart(c) {
				runes++
			}
		}
		if room := keep - len(b); len(chunk) > room {
			long = true
			chunk = chunk[:max(room, 0)]
		}
		b = append(b, chunk...)
		switch {
		case err == nil, errors.Is(err, io.EOF) && read:
			return string(b), runes, long, nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		default:
			return "", 0, false, err
		}
	}
}

// Line handles one typed line and returns the reply to print; false means
// there is nothing to print.
func (t *Terminal) Line(ctx context.Context, line string) (Reply, bool) {
	name, rest, isCommand := commandName(line)
	switch {
	case isCommand && name == "help":
		return t.help(), true
	case isCommand && name == "new":
		t.bot.convs.c.Remove(terminalKey)
		return Reply{Text: "Started a new conversation."}, true
	}
	for action, word := range terminalButtons {
		if !isCommand || "/"+name != word {
			continue
		}
		for cmd, bs := range t.last {
			for _, b := range bs {
				if _, a, _, _ := parseButtonID(b.ID); a == action && !b.Disabled {
					r := t.bot.Click(ctx, b.ID, Press{User: t.user, Admin: true})
					if r.Update {
						// A new page replaces the buttons it was reached by.
						t.last[cmd] = r.Buttons
					}
					return r, true
				}
			}
		}
		return note(word + " presses a button of the last reply, and it has none."), true
	}
	req := Request{Command: "ask", Options: map[string]string{"question": line}, User: t.user, Admin: true}
	if isCommand {
		if _, group := t.bot.Group(name); group {
			// "/digest now channel:1" names the subcommand first.
			sub, subRest, _ := strings.Cut(rest, " ")
			if _, ok := t.bot.Command(name + " " + strings.ToLower(sub)); ok || sub == "" {
				name, rest = strings.TrimSpace(name+" "+strings.ToLower(sub)), strings.TrimSpace(subRest)
			}
		}
		cmd, ok := t.bot.Command(name)
		if _, group := t.bot.Group(name); !ok && group {
			// Admit names the subcommands.
			cmd, ok = Command{Name: name}, true
		}
		if !ok {
			return note(fmt.Sprintf("I don't know the command /%s. Type /help for the commands.", name)), true
		}
		opts, loose := parseOptions(cmd, rest)
		if loose != "" && len(cmd.Options) > 0 {
			return looseNote(cmd, loose), true
		}
		req = Request{Command: name, Options: opts, User: t.user, Admin: true}
	}
	if req.Command == "ask" {
		req.History = t.bot.History(terminalKey)
	}
	tk, refusal := t.bot.Admit(req)
	if refusal != nil {
		t.remember(req.Command, nil)
		return *refusal, true
	}
	r := t.bot.Execute(ctx, req, tk)
	if r.Turn != nil {
		t.bot.Remember(terminalKey, req.History, *r.Turn)
	}
	t.remember(req.Command, r.Buttons)
	return r, true
}

// remember records a command's latest buttons. Every reply of a command
// replaces its buttons, so /next never turns an older timeline's pages and
// /good never rates an older answer than the one on screen.
func (t *Terminal) remember(command string, bs []Button) {
	if t.last == nil {
		t.last = map[string][]Button{}
	}
	t.last[command] = bs
}

// commandName splits "/name rest" into the command's name, lower-cased
// and without trailing punctuation ("/about?" is /about), and the rest.
func commandName(line string) (name, rest string, ok bool) {
	if !strings.HasPrefix(line, "/") {
		return "", "", false
	}
	name, rest, _ = strings.Cut(line[1:], " ")
	return strings.ToLower(strings.TrimRight(name, "?!.,;:")), strings.TrimSpace(rest), true
}

// buttonHint names the terminal words for a reply's buttons.
func (t *Terminal) buttonHint(bs []Button) string {
	var parts []string
	for _, b := range bs {
		if b.Disabled {
			continue
		}
		if _, a, _, ok := parseButtonID(b.ID); ok {
			if w, ok := terminalButtons[a]; ok {
				parts = append(parts, strings.TrimSpace(b.Emoji+" "+w))
			}
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "[" + strings.Join(parts, "  ") + "]"
}

// helpUsageWidth is the width of /help's first column. A longer usage
// gets a line of its own and its description starts the next, so that
// the descriptions stay in one column.
const helpUsageWidth = 34

// help lists the commands and the terminal's own words.
func (t *Terminal) help() Reply {
	var rows [][2]string
	for _, c := range t.bot.Commands() {
		for _, c := range c.runnable() {
			usage := "/" + c.Name
			for _, o := range c.Options {
				if o.Required {
					usage += " " + o.Name + ":…"
				} else {
					usage += " [" + o.Name + ":…]"
				}
			}
			rows = append(rows, [2]string{usage, c.Description})
		}
	}
	rows = append(rows,
		[2]string{"/good, /bad", "rate the last answer"},
		[2]string{"/passages", "show the last answer's cited passages"},
		[2]string{"/prev, /next", "page the last timeline"},
		[2]string{"/new", "start a new conversation (forget earlier questions)"},
		[2]string{"/quit", "leave"},
	)
	var sb strings.Builder
	sb.WriteString("Type a question, or a command:")
	for _, r := range rows {
		if utf8.RuneCountInString(r[0]) > helpUsageWidth {
			fmt.Fprintf(&sb, "\n  %s\n  %-*s %s", r[0], helpUsageWidth, "", r[1])
			continue
		}
		fmt.Fprintf(&sb, "\n  %-*s %s", helpUsageWidth, r[0], r[1])
	}
	return Reply{Text: sb.String()}
}

// optionRE finds "name:" at the start of a word. Discord allows digits and
// dashes in option names too.
var optionRE = regexp.MustCompile(`(?:^|\s)([a-z0-9_-]+):`)

// parseOptions reads "name:value" pairs for cmd's options, where a value
// runs to the next pair; text before any pair (or all of it, when there is
// none) goes to the first required text option: "/ask why?" is
// "/ask question:why?". loose is that text when no option takes it
// ("/timeline Sputnik", "/timeline abut:Sputnik"): the caller says so
// rather than run the command without it.
func parseOptions(cmd Command, rest string) (opts map[string]string, loose string) {
	opts = map[string]string{}
	known := map[string]bool{}
	for _, o := range cmd.Options {
		known[o.Name] = true
	}
	var cuts [][]int
	for _, m := range optionRE.FindAllStringSubmatchIndex(rest, -1) {
		if known[rest[m[2]:m[3]]] {
			cuts = append(cuts, m)
		}
	}
	lead := rest
	if len(cuts) > 0 {
		lead = rest[:cuts[0][0]]
	}
	for i, m := range cuts {
		end := len(rest)
		if i+1 < len(cuts) {
			end = cuts[i+1][0]
		}
		opts[rest[m[2]:m[3]]] = strings.TrimSpace(rest[m[1]:end])
	}
	if lead = strings.TrimSpace(lead); lead != "" {
		loose = lead
		for _, o := range cmd.Options {
			if o.Type == String && (o.Required || len(cmd.Options) == 1) {
				if _, set := opts[o.Name]; !set {
					opts[o.Name], loose = lead, ""
				}
				break
			}
		}
	}
	return opts, loose
}

// looseNote is the reply to text that no option of cmd takes.
func looseNote(cmd Command, loose string) Reply {
	var names []string
	for _, o := range cmd.Options {
		names = append(names, o.Name+":…")
	}
	return note(fmt.Sprintf("/%s did not take %q: give its options as name:value (%s). Type /help for the commands.", cmd.Name, loose, strings.Join(names, " ")))
}
