package fakediscord

import (
	"fmt"
	"strconv"
	"unicode/utf8"
)

// Discord's message limits, which discordgo does not check client-side.
const (
	MaxContent          = 2000
	MaxEmbeds           = 10
	MaxEmbedTitle       = 256
	MaxEmbedDescription = 4096
	MaxEmbedFields      = 25
	MaxFieldName        = 256
	MaxFieldValue       = 1024
	MaxFooterText       = 2048
	MaxAuthorName       = 256
	MaxEmbedTotal       = 6000 // all embeds of one message together
	MaxActionRows       = 5
	MaxRowComponents    = 5
	MaxCustomID         = 100
	MaxButtonLabel      = 80
	MaxChoices          = 25
	MaxChoiceName       = 100
)

// formError collects field errors for a 50035 Invalid Form Body.
type formError struct {
	fields []fieldError
}

type fieldError struct {
	path          []string
	code, message string
}

func (fe *formError) add(code, message string, path ...string) {
	fe.fields = append(fe.fields, fieldError{path: path, code: code, message: message})
}

func (fe *formError) maxLen(value string, limit int, path ...string) {
	if utf8.RuneCountInString(value) > limit {
		fe.add("BASE_TYPE_MAX_LENGTH", fmt.Sprintf("Must be %d or fewer in length.", limit), path...)
	}
}

func (fe *formError) maxItems(n, limit int, path ...string) {
	if n > limit {
		fe.add("BASE_TYPE_MAX_LENGTH", fmt.Sprintf("Must be %d or fewer in length.", limit), path...)
	}
}

func (fe *formError) err() *formError {
	if len(fe.fields) == 0 {
		return nil
	}
	return fe
}

// tree nests the errors the way Discord does: path segments as keys, the
// errors of a field under "_errors".
func (fe *formError) tree() map[string]any {
	root := map[string]any{}
	for _, f := range fe.fields {
		node := root
		for _, p := range f.path {
			next, ok := node[p].(map[string]any)
			if !ok {
				next = map[string]any{}
				node[p] = next
			}
			node = next
		}
		errs, _ := node["_errors"].([]any)
		node["_errors"] = append(errs, map[string]any{"code": f.code, "message": f.message})
	}
	return root
}

// checkMessage validates a message payload (content, embeds, components)
// against Discord's limits; prefix is the path of the payload in the body.
func checkMessage(fe *formError, m map[string]any, prefix ...string) {
	at := func(p ...string) []string { return append(append([]string{}, prefix...), p...) }
	fe.maxLen(str(m, "content"), MaxContent, at("content")...)

	embeds := array(m, "embeds")
	fe.maxItems(len(embeds), MaxEmbeds, at("embeds")...)
	total := 0
	for i, e := range embeds {
		em, _ := e.(map[string]any)
		n := strconv.Itoa(i)
		fe.maxLen(str(em, "title"), MaxEmbedTitle, at("embeds", n, "title")...)
		fe.maxLen(str(em, "description"), MaxEmbedDescription, at("embeds", n, "description")...)
		fields := array(em, "fields")
		fe.maxItems(len(fields), MaxEmbedFields, at("embeds", n, "fields")...)
		total += utf8.RuneCountInString(str(em, "title")) + utf8.RuneCountInString(str(em, "description"))
		for j, f := range fields {
			fm, _ := f.(map[string]any)
			k := strconv.Itoa(j)
			fe.maxLen(str(fm, "name"), MaxFieldName, at("embeds", n, "fields", k, "name")...)
			fe.maxLen(str(fm, "value"), MaxFieldValue, at("embeds", n, "fields", k, "value")...)
			total += utf8.RuneCountInString(str(fm, "name")) + utf8.RuneCountInString(str(fm, "value"))
		}
		footer := str(object(em, "footer"), "text")
		author := str(object(em, "author"), "name")
		fe.maxLen(footer, MaxFooterText, at("embeds", n, "footer", "text")...)
		fe.maxLen(author, MaxAuthorName, at("embeds", n, "author", "name")...)
		total += utf8.RuneCountInString(footer) + utf8.RuneCountInString(author)
	}
	if total > MaxEmbedTotal {
		fe.add("MAX_EMBED_SIZE_EXCEEDED", fmt.Sprintf("Embed size exceeds maximum size of %d", MaxEmbedTotal), at("embeds")...)
	}

	rows := array(m, "components")
	fe.maxItems(len(rows), MaxActionRows, at("components")...)
	for i, r := range rows {
		rm, _ := r.(map[string]any)
		n := strconv.Itoa(i)
		comps := array(rm, "components")
		fe.maxItems(len(comps), MaxRowComponents, at("components", n, "components")...)
		for j, c := range comps {
			cm, _ := c.(map[string]any)
			k := strconv.Itoa(j)
			fe.maxLen(str(cm, "custom_id"), MaxCustomID, at("components", n, "components", k, "custom_id")...)
			fe.maxLen(str(cm, "label"), MaxButtonLabel, at("components", n, "components", k, "label")...)
		}
	}
}

// emptyMessage reports a new message with nothing to show, which Discord
// refuses with 50006.
func emptyMessage(m map[string]any, files []File) bool {
	return str(m, "content") == "" && len(array(m, "embeds")) == 0 && len(array(m, "components")) == 0 &&
		len(array(m, "sticker_ids")) == 0 && len(array(m, "attachments")) == 0 && len(files) == 0 &&
		m["poll"] == nil
}

// checkChoices validates an autocomplete result.
func checkChoices(fe *formError, data map[string]any) {
	choices := array(data, "choices")
	fe.maxItems(len(choices), MaxChoices, "data", "choices")
	for i, c := range choices {
		cm, _ := c.(map[string]any)
		fe.maxLen(str(cm, "name"), MaxChoiceName, "data", "choices", strconv.Itoa(i), "name")
	}
}
