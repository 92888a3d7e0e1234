package fakediscord

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// Gateway opcodes.
const (
	OpDispatch       = 0
	OpHeartbeat      = 1
	OpIdentify       = 2
	OpResume         = 6
	OpReconnect      = 7
	OpInvalidSession = 9
	OpHello          = 10
	OpHeartbeatACK   = 11
	// OpClose is not a Discord opcode: it marks the close frame a client
	// sent, whose code is in Frame.CloseCode.
	OpClose = -1
)

// Frame is one gateway payload, in either direction. A frame the fake sends
// is recorded just before it is written, so it always precedes the client's
// reaction in Frames.
type Frame struct {
	// Conn numbers the gateway connections: 1 for the first, 2 after the
	// first reconnect, and so on.
	Conn int
	// Shard is the shard id of the connection's session (0 before it
	// identifies or resumes, and for an unsharded session).
	Shard      int
	FromClient bool
	Op         int
	// Seq and Type are set on dispatches (op 0) the fake sent.
	Seq  int64
	Type string
	Data json.RawMessage
	// CloseCode is the code of a client's close frame (Op is OpClose).
	CloseCode int
}

// gatewayState is the gateway part of Server, guarded by Server.mu.
type gatewayState struct {
	conns    []*gwConn             // open connections, oldest first
	accepted int                   // connections accepted so far
	sessions map[string]*gwSession // live sessions by id
	identify map[string]any
	frames   []Frame
	noACKs   bool // heartbeats go unanswered
}

// gwSession is one shard's session: its dispatch sequence, which a RESUME
// on a new connection continues.
type gwSession struct {
	id            string
	shard, shards int
	seq           int64 // last dispatch sequence number
}

// handles reports whether the session receives guildID's events: Discord
// sends a guild's events to shard (guild_id >> 22) % num_shards, and direct
// messages to shard 0.
func (ss *gwSession) handles(guildID string) bool {
	if guildID == "" {
		return ss.shard == 0
	}
	id, err := strconv.ParseUint(guildID, 10, 64)
	if err != nil {
		return ss.shard == 0
	}
	return int((id>>22)%uint64(ss.shards)) == ss.shard
}

// gwConn is one client connection.
type gwConn struct {
	n       int
	version int // the v query parameter the client asked for
	ws      *websocket.Conn
	writeMu sync.Mutex // gorilla allows one writer; held across seq and write so seqs arrive in order
	session *gwSession // set by IDENTIFY or RESUME; guarded by Server.mu
	ready   bool       // READY or RESUMED sent; guarded by Server.mu
	authed  bool       // IDENTIFY or RESUME accepted; only the reader uses it
}

// shardLocked is the shard of c's session, 0 before it has one.
func (c *gwConn) shardLocked() int {
	if c.session == nil {
		return 0
	}
	return c.session.shard
}

// inFrame is a payload from the client.
type inFrame struct {
	Op   int             `json:"op"`
	Data json.RawMessage `json:"d"`
}

// outFrame is a payload to the client; s and t are null except on dispatches.
type outFrame struct {
	Op   int     `json:"op"`
	Data any     `json:"d"`
	Seq  *int64  `json:"s"`
	Type *string `json:"t"`
}

// serveGateway runs one websocket connection. Connections are independent,
// as on Discord: each shard of a bot holds its own.
func (s *Server) serveGateway(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		http.Error(w, "closed", http.StatusServiceUnavailable)
		return
	}
	s.gateways.Add(1)
	s.mu.Unlock()
	defer s.gateways.Done()

	ws, err := s.upgrader.Upgrade(w, r, nil)
	if err != nil {
		return // the upgrader has answered with the error
	}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		ws.Close()
		return
	}
	s.gw.accepted++
	c := &gwConn{n: s.gw.accepted, ws: ws, version: 10}
	if v, err := strconv.Atoi(r.URL.Query().Get("v")); err == nil {
		c.version = v
	}
	s.gw.conns = append(s.gw.conns, c)
	s.notifyLocked()
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.gw.conns = slices.DeleteFunc(s.gw.conns, func(o *gwConn) bool { return o == c })
		s.notifyLocked()
		s.mu.Unlock()
		ws.Close()
	}()

	hello := map[string]any{"heartbeat_interval": max(1, s.opts.HeartbeatInterval.Milliseconds())}
	if err := s.send(c, OpHello, hello); err != nil {
		return
	}
	for {
		_, msg, err := ws.ReadMessage()
		if err != nil {
			s.clientClosed(c, err)
			return
		}
		var f inFrame
		if err := json.Unmarshal(msg, &f); err != nil {
			s.closeConn(c, 4002, "Error while decoding payload.")
			return
		}
		s.mu.Lock()
		s.gw.frames = append(s.gw.frames, Frame{Conn: c.n, Shard: c.shardLocked(), FromClient: true, Op: f.Op, Data: f.Data})
		s.notifyLocked()
		s.mu.Unlock()
		if !s.handleFrame(c, f) {
			return
		}
	}
}

// clientClosed records a close frame from the client. Closing with 1000 or
// 1001 ends the session, as on Discord, so it cannot be resumed; any other
// code keeps it resumable.
func (s *Server) clientClosed(c *gwConn, err error) {
	var ce *websocket.CloseError
	if !errors.As(err, &ce) {
		return // dropped, not closed
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.gw.frames = append(s.gw.frames, Frame{Conn: c.n, Shard: c.shardLocked(), FromClient: true, Op: OpClose, CloseCode: ce.Code})
	if c.session != nil && (ce.Code == websocket.CloseNormalClosure || ce.Code == websocket.CloseGoingAway) {
		delete(s.gw.sessions, c.session.id)
	}
	s.notifyLocked()
}

// handleFrame answers one client payload; false ends the connection.
func (s *Server) handleFrame(c *gwConn, f inFrame) bool {
	switch f.Op {
	case OpHeartbeat:
		s.mu.Lock()
		silent := s.gw.noACKs
		s.mu.Unlock()
		return silent || s.send(c, OpHeartbeatACK, nil) == nil
	case OpIdentify:
		return s.identify(c, f.Data)
	case OpResume:
		return s.resume(c, f.Data)
	case 3, 4, 8, 31: // presence, voice state, request members, soundboard: recorded only
		return true
	}
	s.closeConn(c, 4001, "Unknown opcode.")
	return false
}

func (s *Server) tokenOK(token string) bool {
	return s.opts.Token == "" || strings.TrimPrefix(token, "Bot ") == s.opts.Token
}

// identifyShard reads IDENTIFY's shard: [shard_id, num_shards], or [0, 1]
// when absent.
func identifyShard(d map[string]any) (id, count int, ok bool) {
	v, present := d["shard"]
	if !present || v == nil {
		return 0, 1, true
	}
	pair, _ := v.([]any)
	if len(pair) != 2 {
		return 0, 0, false
	}
	id, count = int(number(pair[0])), int(number(pair[1]))
	return id, count, count >= 1 && id >= 0 && id < count
}

// identify starts a new session: READY, then GUILD_CREATE for each of the
// shard's guilds.
func (s *Server) identify(c *gwConn, raw json.RawMessage) bool {
	if c.authed {
		s.closeConn(c, 4005, "Already authenticated.")
		return false
	}
	d, err := decodeObject(raw)
	if err != nil {
		s.closeConn(c, 4002, "Error while decoding payload.")
		return false
	}
	if !s.tokenOK(str(d, "token")) {
		s.closeConn(c, 4004, "Authentication failed.")
		return false
	}
	shard, shards, ok := identifyShard(d)
	if !ok {
		s.closeConn(c, 4010, "Invalid shard.")
		return false
	}
	ss := &gwSession{shard: shard, shards: shards}
	s.mu.Lock()
	stubs := []any{}
	var guilds []map[string]any
	for _, id := range s.st.guildOrder {
		if ss.handles(id) {
			stubs = append(stubs, map[string]any{"id": id, "unavailable": true})
			guilds = append(guilds, clone(s.st.guilds[id]))
		}
	}
	if limit := s.opts.MaxGuildsPerShard; limit > 0 && len(guilds) > limit {
		s.mu.Unlock()
		s.closeConn(c, 4011, "Sharding required.")
		return false
	}
	c.authed = true
	s.gw.identify = d
	ss.id = fmt.Sprintf("fakesession%s", s.newIDLocked())
	s.gw.sessions[ss.id] = ss
	c.session = ss
	ready := map[string]any{
		"v":                       c.version,
		"user":                    s.botUser(),
		"guilds":                  stubs,
		"session_id":              ss.id,
		"session_type":            "normal",
		"resume_gateway_url":      s.GatewayURL(),
		"application":             map[string]any{"id": s.opts.AppID, "flags": 0},
		"private_channels":        []any{},
		"relationships":           []any{},
		"presences":               []any{},
		"guild_join_requests":     []any{},
		"geo_ordered_rtc_regions": []any{},
		"user_settings":           map[string]any{},
	}
	if v, ok := d["shard"]; ok {
		ready["shard"] = v
	}
	s.mu.Unlock()

	if err := s.dispatchOn(c, "READY", ready, true); err != nil {
		return false
	}
	for _, g := range guilds {
		if err := s.dispatchOn(c, "GUILD_CREATE", g, false); err != nil {
			return false
		}
	}
	return true
}

// resume continues a session with RESUMED, or answers op 9 (not
// resumable) when the session is unknown or has ended. A connection still
// serving the session is closed: the session has moved.
func (s *Server) resume(c *gwConn, raw json.RawMessage) bool {
	var d struct {
		Token     string `json:"token"`
		SessionID string `json:"session_id"`
	}
	if err := json.Unmarshal(raw, &d); err != nil {
		s.closeConn(c, 4002, "Error while decoding payload.")
		return false
	}
	if !s.tokenOK(d.Token) {
		s.closeConn(c, 4004, "Authentication failed.")
		return false
	}
	s.mu.Lock()
	ss := s.gw.sessions[d.SessionID]
	var old []*gwConn
	if ss != nil {
		for _, o := range s.gw.conns {
			if o != c && o.session == ss {
				o.session, o.ready = nil, false
				old = append(old, o)
			}
		}
		c.session = ss
	}
	s.mu.Unlock()
	if ss == nil {
		return s.send(c, OpInvalidSession, false) == nil
	}
	for _, o := range old {
		o.ws.Close()
	}
	c.authed = true
	return s.dispatchOn(c, "RESUMED", map[string]any{}, true) == nil
}

// Dispatch sends event with data (any JSON-encodable value) as an op 0
// dispatch with the session's next sequence number, on the connection of
// the shard that handles the event's guild (shard 0 for direct messages). INTERACTION_CREATE
// registers the interaction so its callback and webhooks are accepted;
// MESSAGE_CREATE stores the message; GUILD_CREATE, CHANNEL_CREATE and
// THREAD_CREATE store the guild or channel.
func (s *Server) Dispatch(event string, data any) error {
	b, err := json.Marshal(data)
	if err != nil {
		return fmt.Errorf("dispatch %s: encode: %w", event, err)
	}
	var m map[string]any
	if decodeJSON(b, &m) != nil {
		m = nil // not an object: sent as it is, nothing to observe
	}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return fmt.Errorf("dispatch %s: %w", event, ErrClosed)
	}
	c := s.connForLocked(eventGuild(event, m))
	if c == nil {
		s.mu.Unlock()
		return fmt.Errorf("dispatch %s: %w", event, ErrNotConnected)
	}
	if m != nil {
		s.observeLocked(event, m)
	}
	s.mu.Unlock()
	return s.dispatchOn(c, event, json.RawMessage(b), false)
}

// eventGuild is the guild an event belongs to: a guild event's own id, or
// the payload's guild_id.
func eventGuild(event string, m map[string]any) string {
	if strings.HasPrefix(event, "GUILD_") && !strings.HasPrefix(event, "GUILD_MEMBER") && str(m, "guild_id") == "" {
		return str(m, "id")
	}
	return str(m, "guild_id")
}

// connForLocked is the newest ready connection whose session handles
// guildID, or nil.
func (s *Server) connForLocked(guildID string) *gwConn {
	for _, c := range slices.Backward(s.gw.conns) {
		if c.ready && c.session != nil && c.session.handles(guildID) {
			return c
		}
	}
	return nil
}

// observeLocked keeps the state a dispatched event creates.
func (s *Server) observeLocked(event string, m map[string]any) {
	switch event {
	case "INTERACTION_CREATE":
		s.addInteractionLocked(m)
		s.seeChannelLocked(m)
	case "MESSAGE_CREATE":
		s.putMessageLocked(clone(m))
		s.seeChannelLocked(m)
	case "GUILD_CREATE":
		s.addGuildLocked(clone(m))
	case "CHANNEL_CREATE", "THREAD_CREATE":
		s.putChannelLocked(clone(m))
	}
}

// dispatchOn sends an op 0 on c. ready marks c ready (READY and RESUMED);
// other dispatches need c to be ready and current.
func (s *Server) dispatchOn(c *gwConn, event string, data any, ready bool) error {
	b, err := json.Marshal(data)
	if err != nil {
		return fmt.Errorf("dispatch %s: encode: %w", event, err)
	}
	c.writeMu.Lock()
	defer c.writeMu.Unlock()
	s.mu.Lock()
	if c.session == nil || !slices.Contains(s.gw.conns, c) || (!ready && !c.ready) {
		s.mu.Unlock()
		return fmt.Errorf("dispatch %s: %w", event, ErrNotConnected)
	}
	c.session.seq++
	seq := c.session.seq
	// Recorded and marked ready before the write: the client may react
	// (and a test may Dispatch) as soon as the frame is out. writeMu keeps
	// any other dispatch behind this one.
	if ready {
		c.ready = true
	}
	s.gw.frames = append(s.gw.frames, Frame{Conn: c.n, Shard: c.shardLocked(), Op: OpDispatch, Seq: seq, Type: event, Data: b})
	s.notifyLocked()
	s.mu.Unlock()

	t := event
	if err := c.ws.WriteJSON(outFrame{Op: OpDispatch, Data: json.RawMessage(b), Seq: &seq, Type: &t}); err != nil {
		return fmt.Errorf("dispatch %s: write: %w", event, err)
	}
	return nil
}

// send writes a non-dispatch payload.
func (s *Server) send(c *gwConn, op int, data any) error {
	b, err := json.Marshal(data)
	if err != nil {
		return fmt.Errorf("send op %d: encode: %w", op, err)
	}
	c.writeMu.Lock()
	defer c.writeMu.Unlock()
	s.mu.Lock()
	s.gw.frames = append(s.gw.frames, Frame{Conn: c.n, Shard: c.shardLocked(), Op: op, Data: b}) // before the write, as in dispatchOn
	s.notifyLocked()
	s.mu.Unlock()
	if err := c.ws.WriteJSON(outFrame{Op: op, Data: json.RawMessage(b)}); err != nil {
		return fmt.Errorf("send op %d: %w", op, err)
	}
	return nil
}

// closeConn closes c with a gateway close code, as Discord does on errors.
func (s *Server) closeConn(c *gwConn, code int, text string) {
	c.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, text), time.Now().Add(time.Second))
	c.ws.Close()
}

// DropConnection closes every gateway connection abruptly, without a close
// frame, as a network failure would; discordgo then reconnects and resumes.
// It does nothing when no client is connected.
func (s *Server) DropConnection() {
	s.mu.Lock()
	conns := s.gw.conns
	s.gw.conns = nil
	s.notifyLocked()
	s.mu.Unlock()
	for _, c := range conns {
		c.ws.Close()
	}
}

// Reconnect asks every client connection to reconnect (op 7), as Discord
// does before moving a session.
func (s *Server) Reconnect() error {
	return s.sendAll("reconnect", OpReconnect)
}

// RequestHeartbeat sends op 1 on every ready connection: Discord may ask
// for a heartbeat at any time, and the client must send one at once.
func (s *Server) RequestHeartbeat() error {
	return s.sendAll("request heartbeat", OpHeartbeat)
}

// sendAll sends a payload with no data on every ready connection.
func (s *Server) sendAll(what string, op int) error {
	s.mu.Lock()
	var conns []*gwConn
	for _, c := range s.gw.conns {
		if c.ready {
			conns = append(conns, c)
		}
	}
	s.mu.Unlock()
	if len(conns) == 0 {
		return fmt.Errorf("%s: %w", what, ErrNotConnected)
	}
	for _, c := range conns {
		if err := s.send(c, op, nil); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
	}
	return nil
}

// AckHeartbeats chooses whether heartbeats are answered with op 11 (the
// default) or go unanswered, as on a connection that has silently died.
func (s *Server) AckHeartbeats(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.gw.noACKs = !on
}

// Identify returns the last IDENTIFY payload's d (token, intents,
// properties...), or nil before the first.
func (s *Server) Identify() map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	return clone(s.gw.identify)
}

// Frames returns every gateway payload so far, both directions, in order.
func (s *Server) Frames() []Frame {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Frame(nil), s.gw.frames...)
}

// WaitFrame waits for a gateway payload matching match (including those
// already seen) and returns the first.
func (s *Server) WaitFrame(ctx context.Context, match func(Frame) bool) (Frame, error) {
	got, err := s.WaitFrames(ctx, 1, match)
	if err != nil {
		return Frame{}, err
	}
	return got[0], nil
}

// WaitFrames waits until n gateway payloads match match (including those
// already seen) and returns the first n.
func (s *Server) WaitFrames(ctx context.Context, n int, match func(Frame) bool) ([]Frame, error) {
	return waitMatches(ctx, s, fmt.Sprintf("%d gateway frames", n), n, func() []Frame { return s.gw.frames }, match,
		func(f Frame) Frame { return f })
}

// WaitReady waits until a client has identified and READY has been sent.
func (s *Server) WaitReady(ctx context.Context) error {
	_, err := s.WaitFrame(ctx, func(f Frame) bool { return !f.FromClient && f.Type == "READY" })
	return err
}

// Connections is how many gateway connections have been accepted so far.
func (s *Server) Connections() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.gw.accepted
}
