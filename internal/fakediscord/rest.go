package fakediscord

import (
	"cmp"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Message flags the fake acts on.
const (
	flagHasThread = 1 << 5
	flagLoading   = 1 << 7
)

// Channel types.
const (
	typeGuildText     = 0
	typeDM            = 1
	typeAnnouncement  = 5
	typeNewsThread    = 10
	typePublicThread  = 11
	typePrivateThread = 12
)

// routes maps Discord's REST API (and the gateway websocket) onto handlers;
// serveHTTP answers anything else with Discord's 404.
func (s *Server) routes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /gateway", s.serveGateway)
	mux.HandleFunc("GET /gateway/{$}", s.serveGateway) // discordgo adds a slash
	api := func(pattern string, h http.HandlerFunc) {
		method, path, _ := strings.Cut(pattern, " ")
		mux.HandleFunc(method+" "+APIPrefix+path, h)
	}
	api("GET gateway", s.getGateway)
	api("GET gateway/bot", s.getGatewayBot)
	api("GET users/@me", func(w http.ResponseWriter, _ *http.Request) { writeJSON(w, http.StatusOK, s.botUser()) })

	api("GET applications/{app}/commands", s.getCommands)
	api("PUT applications/{app}/commands", s.putCommands)
	api("GET applications/{app}/guilds/{guild}/commands", s.getCommands)
	api("PUT applications/{app}/guilds/{guild}/commands", s.putCommands)

	api("POST interactions/{id}/{token}/callback", s.interactionCallback)
	api("POST webhooks/{app}/{token}", s.followup)
	api("GET webhooks/{app}/{token}/messages/{mid}", s.getWebhookMessage)
	api("PATCH webhooks/{app}/{token}/messages/{mid}", s.editWebhookMessage)
	api("DELETE webhooks/{app}/{token}/messages/{mid}", s.deleteWebhookMessage)

	api("GET channels/{cid}", s.getChannel)
	api("GET channels/{cid}/messages", s.listMessages)
	api("POST channels/{cid}/messages", s.createMessage)
	api("GET channels/{cid}/messages/{mid}", s.getMessage)
	api("PATCH channels/{cid}/messages/{mid}", s.editMessage)
	api("DELETE channels/{cid}/messages/{mid}", s.deleteMessage)
	api("PUT channels/{cid}/messages/{mid}/reactions/{emoji}/@me", s.react)
	api("DELETE channels/{cid}/messages/{mid}/reactions/{emoji}/@me", s.react)
	api("POST channels/{cid}/typing", s.typing)
	api("POST channels/{cid}/messages/{mid}/threads", s.startMessageThread)
	api("POST channels/{cid}/threads", s.startThread)

	api("GET guilds/{gid}", s.getGuild)
	api("GET guilds/{gid}/channels", s.getGuildChannels)
	api("GET guilds/{gid}/members/{uid}", s.getMember)
	return mux
}

// botUser is the bot's user object.
func (s *Server) botUser() map[string]any {
	return map[string]any{
		"id":            s.opts.BotID,
		"username":      s.opts.BotName,
		"discriminator": "0",
		"global_name":   nil,
		"avatar":        nil,
		"bot":           true,
		"public_flags":  0,
	}
}

func (s *Server) getGateway(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"url": s.GatewayURL()})
}

func (s *Server) getGatewayBot(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{
		"url":    s.GatewayURL(),
		"shards": s.opts.Shards,
		"session_start_limit": map[string]any{
			"total": 1000, "remaining": 999, "reset_after": 14400000, "max_concurrency": s.opts.MaxConcurrency,
		},
	})
}

// readObject decodes a JSON object body, answering Discord's 50109 if it
// is not one.
func readObject(w http.ResponseWriter, r *http.Request) (map[string]any, bool) {
	b, err := io.ReadAll(r.Body)
	if err == nil {
		var m map[string]any
		if m, err = decodeObject(b); err == nil {
			return m, true
		}
	}
	writeError(w, http.StatusBadRequest, 50109, "The request body contains invalid JSON.")
	return nil, false
}

// ----- application commands

func (s *Server) getCommands(w http.ResponseWriter, r *http.Request) {
	if r.PathValue("app") != s.opts.AppID {
		writeError(w, http.StatusForbidden, 50001, "Missing Access")
		return
	}
	s.mu.Lock()
	out := []any{}
	for _, c := range s.st.commands[r.PathValue("guild")] {
		out = append(out, clone(c))
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, out)
}

// putCommands is the bulk overwrite: the stored set becomes the body, with
// ids kept for names already registered, as Discord does.
func (s *Server) putCommands(w http.ResponseWriter, r *http.Request) {
	if r.PathValue("app") != s.opts.AppID {
		writeError(w, http.StatusForbidden, 50001, "Missing Access")
		return
	}
	b, _ := io.ReadAll(r.Body)
	var cmds []map[string]any
	if err := decodeJSON(b, &cmds); err != nil {
		writeError(w, http.StatusBadRequest, 50109, "The request body contains invalid JSON.")
		return
	}
	fe := &formError{}
	for i, c := range cmds {
		n := strconv.Itoa(i)
		name := str(c, "name")
		if name == "" || utf8.RuneCountInString(name) > 32 {
			fe.add("APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid", n, "name")
		}
		if integer(c, "type") <= 1 {
			if strings.ToLower(name) != name {
				fe.add("APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid", n, "name")
			}
			if d := utf8.RuneCountInString(str(c, "description")); d < 1 || d > 100 {
				fe.add("BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.", n, "description")
			}
		}
		fe.maxItems(len(array(c, "options")), 25, n, "options")
	}
	if fe.err() != nil {
		writeFormError(w, fe)
		return
	}
	guild := r.PathValue("guild")
	s.mu.Lock()
	old := map[string]string{}
	for _, c := range s.st.commands[guild] {
		old[str(c, "name")] = str(c, "id")
	}
	stored := make([]map[string]any, 0, len(cmds))
	for _, c := range cmds {
		c = clone(c)
		if id := old[str(c, "name")]; id != "" {
			c["id"] = id
		} else {
			c["id"] = s.newIDLocked()
		}
		c["application_id"] = s.opts.AppID
		c["version"] = s.newIDLocked()
		if _, ok := c["type"]; !ok {
			c["type"] = 1
		}
		if guild != "" {
			c["guild_id"] = guild
		}
		if _, ok := c["default_member_permissions"]; !ok {
			c["default_member_permissions"] = nil
		}
		if _, ok := c["nsfw"]; !ok {
			c["nsfw"] = false
		}
		stored = append(stored, c)
	}
	s.st.commands[guild] = stored
	out := make([]any, len(stored))
	for i, c := range stored {
		out[i] = clone(c)
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, out)
}

// ----- interactions

// interactionCallback is the initial response to a dispatched interaction.
func (s *Server) interactionCallback(w http.ResponseWriter, r *http.Request) {
	body, ok := readObject(w, r)
	if !ok {
		return
	}
	data := object(body, "data")
	files := requestFiles(r)
	kind := integer(body, "type")

	s.mu.Lock()
	defer s.mu.Unlock()
	in := s.st.interactions[r.PathValue("token")]
	if in == nil || in.id != r.PathValue("id") {
		writeError(w, http.StatusNotFound, CodeUnknownInteraction, "Unknown interaction")
		return
	}
	if in.responded {
		writeError(w, http.StatusBadRequest, CodeAlreadyAcknowledged, "Interaction has already been acknowledged.")
		return
	}
	fe := &formError{}
	switch kind {
	case 1, 9: // PONG, MODAL: nothing to store
	case 4: // CHANNEL_MESSAGE_WITH_SOURCE
		checkMessage(fe, data, "data")
		if fe.err() == nil && emptyMessage(data, files) {
			writeError(w, http.StatusBadRequest, CodeEmptyMessage, "Cannot send an empty message")
			return
		}
	case 5: // DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE
	case 6, 7: // DEFERRED_UPDATE_MESSAGE, UPDATE_MESSAGE
		if in.message == nil {
			fe.add("INTERACTION_RESPONSE_TYPE_INVALID", "Interaction response type is only valid for component interactions", "type")
		}
		checkMessage(fe, data, "data")
	case 8: // APPLICATION_COMMAND_AUTOCOMPLETE_RESULT
		checkChoices(fe, data)
	default:
		fe.add("BASE_TYPE_CHOICES", fmt.Sprintf("Value must be one of the interaction response types, not %d.", kind), "type")
	}
	if fe.err() != nil {
		writeFormError(w, fe)
		return
	}
	in.responded = true
	switch kind {
	case 4, 5:
		m := s.webhookMessageLocked(in, data, files)
		m["type"] = 0
		if in.kind == 2 {
			m["type"] = 20 // CHAT_INPUT_COMMAND
		}
		if kind == 5 {
			m["content"] = ""
			m["flags"] = integer(m, "flags") | flagLoading
		}
		in.original = s.putMessageLocked(m)
	case 6, 7:
		orig := clone(in.message)
		if old, ok := s.st.messages[str(orig, "id")]; ok {
			orig = old
		}
		if kind == 7 {
			applyEdit(orig, data, newAttachments(files, str(orig, "channel_id"), s.newIDLocked))
			orig["edited_timestamp"] = s.timestamp()
		}
		in.original = s.putMessageLocked(orig)
	}
	s.notifyLocked()
	w.WriteHeader(http.StatusNoContent)
}

// webhookInteractionLocked finds the interaction whose webhook a request names,
// answering Discord's 404 if there is none.
func (s *Server) webhookInteractionLocked(w http.ResponseWriter, r *http.Request) *interaction {
	in := s.st.interactions[r.PathValue("token")]
	if r.PathValue("app") != s.opts.AppID || in == nil {
		writeError(w, http.StatusNotFound, CodeUnknownWebhook, "Unknown Webhook")
		return nil
	}
	return in
}

// webhookMessageLocked builds a message the interaction's webhook posts.
func (s *Server) webhookMessageLocked(in *interaction, body map[string]any, files []File) map[string]any {
	m := s.newMessageLocked(in.channelID, body, files)
	m["webhook_id"] = s.opts.AppID
	m["application_id"] = s.opts.AppID
	m["flags"] = integer(body, "flags")
	m["interaction_metadata"] = map[string]any{"id": in.id, "type": in.kind}
	return m
}

// followup posts a follow-up message; for interactions Discord always
// waits, so the message comes back whatever ?wait says. Discord knows the
// webhook only once the interaction has been answered.
func (s *Server) followup(w http.ResponseWriter, r *http.Request) {
	body, ok := readObject(w, r)
	if !ok {
		return
	}
	files := requestFiles(r)
	s.mu.Lock()
	in := s.webhookInteractionLocked(w, r)
	if in == nil {
		s.mu.Unlock()
		return
	}
	if !in.responded {
		s.mu.Unlock()
		writeError(w, http.StatusNotFound, CodeUnknownWebhook, "Unknown Webhook")
		return
	}
	if !validMessage(w, body, files) {
		s.mu.Unlock()
		return
	}
	m := s.webhookMessageLocked(in, body, files)
	s.putMessageLocked(m)
	out := clone(m)
	s.notifyLocked()
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, out)
}

// webhookTargetLocked resolves {mid} ("@original" or a message id) of the
// interaction's webhook to a stored message.
func (s *Server) webhookTargetLocked(w http.ResponseWriter, r *http.Request) map[string]any {
	in := s.webhookInteractionLocked(w, r)
	if in == nil {
		return nil
	}
	id := r.PathValue("mid")
	if id == "@original" {
		id = in.original
	}
	m := s.st.messages[id]
	if m == nil || (id != in.original && str(object(m, "interaction_metadata"), "id") != in.id) {
		writeError(w, http.StatusNotFound, CodeUnknownMessage, "Unknown Message")
		return nil
	}
	return m
}

func (s *Server) getWebhookMessage(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	m := s.webhookTargetLocked(w, r)
	out := clone(m)
	s.mu.Unlock()
	if m != nil {
		writeJSON(w, http.StatusOK, out)
	}
}

func (s *Server) editWebhookMessage(w http.ResponseWriter, r *http.Request) {
	body, ok := readObject(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	m := s.webhookTargetLocked(w, r)
	if m == nil {
		s.mu.Unlock()
		return
	}
	s.editLocked(w, m, body, requestFiles(r))
	s.mu.Unlock()
}

func (s *Server) deleteWebhookMessage(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.webhookTargetLocked(w, r)
	if m == nil {
		return
	}
	delete(s.st.messages, str(m, "id"))
	s.notifyLocked()
	w.WriteHeader(http.StatusNoContent)
}

// editLocked applies a PATCH to a stored message and answers it.
func (s *Server) editLocked(w http.ResponseWriter, m, body map[string]any, files []File) {
	fe := &formError{}
	checkMessage(fe, body)
	if fe.err() != nil {
		writeFormError(w, fe)
		return
	}
	applyEdit(m, body, newAttachments(files, str(m, "channel_id"), s.newIDLocked))
	m["flags"] = integer(m, "flags") &^ flagLoading
	m["edited_timestamp"] = s.timestamp()
	s.notifyLocked()
	writeJSON(w, http.StatusOK, clone(m))
}

// applyEdit replaces the fields an edit names; attachments are replaced by
// the kept ones plus the new files.
func applyEdit(m, body map[string]any, added []any) {
	for _, k := range []string{"content", "embeds", "components", "flags"} {
		if v, ok := body[k]; ok {
			m[k] = v
		}
	}
	normalizeEmbeds(m)
	if keep, ok := body["attachments"]; ok || len(added) > 0 {
		kept, _ := keep.([]any)
		m["attachments"] = append(slices.Clone(kept), added...)
	}
}

// ----- channels and messages

// channelLocked returns a stored channel, answering Discord's 404 if none.
func (s *Server) channelLocked(w http.ResponseWriter, id string) map[string]any {
	ch := s.st.channels[id]
	if ch == nil {
		writeError(w, http.StatusNotFound, CodeUnknownChannel, "Unknown Channel")
	}
	return ch
}

// channelMessageLocked returns a stored message of the channel, answering
// Discord's 404 if the channel or the message is unknown.
func (s *Server) channelMessageLocked(w http.ResponseWriter, r *http.Request) map[string]any {
	if s.channelLocked(w, r.PathValue("cid")) == nil {
		return nil
	}
	m := s.st.messages[r.PathValue("mid")]
	if m == nil || str(m, "channel_id") != r.PathValue("cid") {
		writeError(w, http.StatusNotFound, CodeUnknownMessage, "Unknown Message")
		return nil
	}
	return m
}

func (s *Server) getChannel(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	ch := clone(s.channelLocked(w, r.PathValue("cid")))
	s.mu.Unlock()
	if ch != nil {
		writeJSON(w, http.StatusOK, ch)
	}
}

// newMessageLocked builds a message the bot posts to channelID.
func (s *Server) newMessageLocked(channelID string, body map[string]any, files []File) map[string]any {
	m := map[string]any{
		"id":               s.newIDLocked(),
		"channel_id":       channelID,
		"author":           s.botUser(),
		"content":          str(body, "content"),
		"timestamp":        s.timestamp(),
		"edited_timestamp": nil,
		"tts":              body["tts"] == true,
		"mention_everyone": false,
		"mentions":         []any{},
		"mention_roles":    []any{},
		"attachments":      orEmpty(body["attachments"]),
		"embeds":           orEmpty(body["embeds"]),
		"components":       orEmpty(body["components"]),
		"pinned":           false,
		"type":             0,
		"flags":            integer(body, "flags") &^ flagEphemeral,
	}
	if added := newAttachments(files, channelID, s.newIDLocked); len(added) > 0 {
		m["attachments"] = added
	}
	normalizeEmbeds(m)
	if ref := object(body, "message_reference"); ref != nil {
		ref = clone(ref)
		if str(ref, "channel_id") == "" {
			ref["channel_id"] = channelID
		}
		m["message_reference"] = ref
		m["type"] = 19 // REPLY
		if to, ok := s.st.messages[str(ref, "message_id")]; ok {
			m["referenced_message"] = clone(to)
		}
	}
	if n, ok := body["nonce"]; ok {
		m["nonce"] = n
	}
	return m
}

// orEmpty is v, or an empty JSON array for a missing field.
func orEmpty(v any) any {
	if v == nil {
		return []any{}
	}
	return v
}

// normalizeEmbeds gives embeds Discord's default type.
func normalizeEmbeds(m map[string]any) {
	for _, e := range array(m, "embeds") {
		if em, ok := e.(map[string]any); ok && str(em, "type") == "" {
			em["type"] = "rich"
		}
	}
}

// newAttachments describes uploaded files as Discord's attachment objects.
func newAttachments(files []File, channelID string, newID func() string) []any {
	var out []any
	for _, f := range files {
		id := newID()
		u := fmt.Sprintf("https://cdn.discordapp.com/attachments/%s/%s/%s", channelID, id, f.Name)
		out = append(out, map[string]any{
			"id": id, "filename": f.Name, "size": len(f.Data), "content_type": f.ContentType,
			"url": u, "proxy_url": strings.Replace(u, "cdn.discordapp.com", "media.discordapp.net", 1),
		})
	}
	return out
}

// createMessage posts a message; with EchoMessages it also comes back as a
// MESSAGE_CREATE dispatch before the REST answer, as it may from Discord.
func (s *Server) createMessage(w http.ResponseWriter, r *http.Request) {
	body, ok := readObject(w, r)
	if !ok {
		return
	}
	files := requestFiles(r)
	cid := r.PathValue("cid")
	s.mu.Lock()
	ch := s.channelLocked(w, cid)
	if ch == nil {
		s.mu.Unlock()
		return
	}
	if !validMessage(w, body, files) {
		s.mu.Unlock()
		return
	}
	m := s.newMessageLocked(cid, body, files)
	s.putMessageLocked(m)
	ch["last_message_id"] = m["id"]
	if _, ok := ch["message_count"]; ok {
		ch["message_count"] = integer(ch, "message_count") + 1
	}
	out := clone(m)
	echo := clone(m)
	if gid := str(ch, "guild_id"); gid != "" {
		echo["guild_id"] = gid
	}
	s.notifyLocked()
	s.mu.Unlock()

	if s.opts.EchoMessages {
		// The client may be between connections; Discord would drop the
		// event then too.
		s.Dispatch("MESSAGE_CREATE", echo)
	}
	writeJSON(w, http.StatusOK, out)
}

// listMessages answers newest first, as Discord does: the newest limit
// messages older than before, or the oldest limit newer than after. around
// is not supported and is ignored.
func (s *Server) listMessages(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	fe := &formError{}
	limit := 50
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		switch {
		case err != nil:
			fe.add("NUMBER_TYPE_COERCE", fmt.Sprintf("Value %q is not int.", v), "limit")
		case n < 1 || n > 100:
			fe.add("NUMBER_TYPE_MAX", "int value should be between 1 and 100.", "limit")
		default:
			limit = n
		}
	}
	bound := func(key string) uint64 {
		v := q.Get(key)
		if v == "" {
			return 0
		}
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			fe.add("NUMBER_TYPE_COERCE", fmt.Sprintf("Value %q is not snowflake.", v), key)
		}
		return n
	}
	before, after := bound("before"), bound("after")
	if fe.err() != nil {
		writeFormError(w, fe)
		return
	}

	s.mu.Lock()
	if s.channelLocked(w, r.PathValue("cid")) == nil {
		s.mu.Unlock()
		return
	}
	msgs := s.channelMessagesLocked(r.PathValue("cid")) // oldest first
	var picked []map[string]any
	switch {
	case after > 0:
		for _, m := range msgs {
			if snowflake(str(m, "id")) > after && len(picked) < limit {
				picked = append(picked, m)
			}
		}
	default:
		for _, m := range msgs {
			if before == 0 || snowflake(str(m, "id")) < before {
				picked = append(picked, m)
			}
		}
		picked = picked[max(0, len(picked)-limit):]
	}
	out := make([]any, 0, len(picked))
	for i := len(picked) - 1; i >= 0; i-- {
		out = append(out, clone(picked[i]))
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) getMessage(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	m := clone(s.channelMessageLocked(w, r))
	s.mu.Unlock()
	if m != nil {
		writeJSON(w, http.StatusOK, m)
	}
}

func (s *Server) editMessage(w http.ResponseWriter, r *http.Request) {
	body, ok := readObject(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.channelMessageLocked(w, r)
	if m == nil {
		return
	}
	if str(object(m, "author"), "id") != s.opts.BotID {
		writeError(w, http.StatusForbidden, 50005, "Cannot edit a message authored by another user")
		return
	}
	s.editLocked(w, m, body, requestFiles(r))
}

func (s *Server) deleteMessage(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.channelMessageLocked(w, r)
	if m == nil {
		return
	}
	delete(s.st.messages, str(m, "id"))
	s.notifyLocked()
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) react(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	m := s.channelMessageLocked(w, r)
	s.mu.Unlock()
	if m != nil {
		w.WriteHeader(http.StatusNoContent)
	}
}

func (s *Server) typing(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	ch := s.channelLocked(w, r.PathValue("cid"))
	s.mu.Unlock()
	if ch != nil {
		w.WriteHeader(http.StatusNoContent)
	}
}

// threadName validates a new thread's name.
func threadName(fe *formError, body map[string]any) string {
	name := str(body, "name")
	if n := utf8.RuneCountInString(name); n < 1 || n > 100 {
		fe.add("BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.", "name")
	}
	return name
}

// newThreadLocked builds a thread channel the bot creates under parent.
func (s *Server) newThreadLocked(id string, parent map[string]any, kind int64, body map[string]any) map[string]any {
	archive := integer(body, "auto_archive_duration")
	if archive == 0 {
		archive = 4320
	}
	return map[string]any{
		"id":                  id,
		"type":                kind,
		"guild_id":            parent["guild_id"],
		"parent_id":           parent["id"],
		"owner_id":            s.opts.BotID,
		"name":                str(body, "name"),
		"last_message_id":     nil,
		"rate_limit_per_user": integer(body, "rate_limit_per_user"),
		"message_count":       0,
		"member_count":        1,
		"total_message_sent":  0,
		"flags":               0,
		"thread_metadata": map[string]any{
			"archived":              false,
			"auto_archive_duration": archive,
			"archive_timestamp":     s.timestamp(),
			"locked":                false,
			"create_timestamp":      s.timestamp(),
		},
		"member": map[string]any{"id": id, "user_id": s.opts.BotID, "join_timestamp": s.timestamp(), "flags": 0},
	}
}

// startMessageThread starts a thread on a message; the thread's id is the
// message's, and a message has at most one thread.
func (s *Server) startMessageThread(w http.ResponseWriter, r *http.Request) {
	body, ok := readObject(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.channelMessageLocked(w, r)
	if m == nil {
		return
	}
	fe := &formError{}
	threadName(fe, body)
	if fe.err() != nil {
		writeFormError(w, fe)
		return
	}
	parent := s.st.channels[r.PathValue("cid")]
	switch integer(parent, "type") {
	case typeNewsThread, typePublicThread, typePrivateThread:
		writeError(w, http.StatusBadRequest, 50024, "Cannot execute action on this channel type")
		return
	}
	id := str(m, "id")
	if _, ok := s.st.channels[id]; ok || m["thread"] != nil {
		writeError(w, http.StatusBadRequest, CodeThreadAlreadyExists, "A thread has already been created for this message")
		return
	}
	kind := int64(typePublicThread)
	if integer(parent, "type") == typeAnnouncement {
		kind = typeNewsThread
	}
	th := s.newThreadLocked(id, parent, kind, body)
	s.putChannelLocked(th)
	m["thread"] = clone(th)
	m["flags"] = integer(m, "flags") | flagHasThread
	s.notifyLocked()
	writeJSON(w, http.StatusCreated, clone(th))
}

// startThread starts a thread without a message; Discord's default type is
// the private thread.
func (s *Server) startThread(w http.ResponseWriter, r *http.Request) {
	body, ok := readObject(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	parent := s.channelLocked(w, r.PathValue("cid"))
	if parent == nil {
		return
	}
	fe := &formError{}
	threadName(fe, body)
	kind := integer(body, "type")
	if kind == 0 {
		kind = typePrivateThread
	}
	if kind != typeNewsThread && kind != typePublicThread && kind != typePrivateThread {
		fe.add("BASE_TYPE_CHOICES", fmt.Sprintf("Value must be one of {10, 11, 12}, not %d.", kind), "type")
	}
	if fe.err() != nil {
		writeFormError(w, fe)
		return
	}
	th := s.newThreadLocked(s.newIDLocked(), parent, kind, body)
	s.putChannelLocked(th)
	s.notifyLocked()
	writeJSON(w, http.StatusCreated, clone(th))
}

// ----- guilds

func (s *Server) getGuild(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	g := clone(s.st.guilds[r.PathValue("gid")])
	s.mu.Unlock()
	if g == nil {
		writeError(w, http.StatusNotFound, CodeUnknownGuild, "Unknown Guild")
		return
	}
	writeJSON(w, http.StatusOK, g)
}

// getGuildChannels lists a guild's channels, without threads, as Discord
// does.
func (s *Server) getGuildChannels(w http.ResponseWriter, r *http.Request) {
	gid := r.PathValue("gid")
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.st.guilds[gid] == nil {
		writeError(w, http.StatusNotFound, CodeUnknownGuild, "Unknown Guild")
		return
	}
	var chans []map[string]any
	for _, ch := range s.st.channels {
		switch integer(ch, "type") {
		case typeNewsThread, typePublicThread, typePrivateThread:
			continue
		}
		if str(ch, "guild_id") == gid {
			chans = append(chans, ch)
		}
	}
	slices.SortFunc(chans, func(a, b map[string]any) int {
		if c := cmp.Compare(integer(a, "position"), integer(b, "position")); c != 0 {
			return c
		}
		return strings.Compare(str(a, "id"), str(b, "id"))
	})
	out := []any{}
	for _, ch := range chans {
		out = append(out, clone(ch))
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) getMember(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	m := clone(s.st.members[r.PathValue("gid")][r.PathValue("uid")])
	known := s.st.guilds[r.PathValue("gid")] != nil
	s.mu.Unlock()
	switch {
	case !known:
		writeError(w, http.StatusNotFound, CodeUnknownGuild, "Unknown Guild")
	case m == nil:
		writeError(w, http.StatusNotFound, CodeUnknownMember, "Unknown Member")
	default:
		writeJSON(w, http.StatusOK, m)
	}
}

// validMessage checks a new message against Discord's limits and answers
// the request with Discord's error when it fails them.
func validMessage(w http.ResponseWriter, body map[string]any, files []File) bool {
	fe := &formError{}
	checkMessage(fe, body)
	if fe.err() != nil {
		writeFormError(w, fe)
		return false
	}
	if emptyMessage(body, files) {
		writeError(w, http.StatusBadRequest, CodeEmptyMessage, "Cannot send an empty message")
		return false
	}
	return true
}
