package fakediscord

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
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
)

// Frame is one gateway payload, in either direction. A frame the fake sends
// is recorded just before it is written, so it always precedes the client's
// reaction in Frames.
type Frame struct {
	// Conn numbers the gateway connections: 1 for the first, 2 after the
	// first reconnect, and so on.
	Conn       int
	FromClient bool
	Op         int
	// Seq and Type are set on dispatches (op 0) the fake sent.
	Seq  int64
	Type string
	Data json.RawMessage
}

// gatewayState is the gateway part of Server, guarded by Server.mu.
type gatewayState struct {
	conn      *gwConn // the current connection, nil if none
	conns     int     // connections accepted so far
	sessionID string
	seq       int64 // last dispatch sequence number of the session
	identify  map[string]any
	frames    []Frame
}

// gwConn is one client connection.
type gwConn struct {
	n       int
	version int // the v query parameter the client asked for
	ws      *websocket.Conn
	writeMu sync.Mutex // gorilla allows one writer; held across seq and write so seqs arrive in order
	ready   bool       // READY or RESUMED sent; guarded by Server.mu
	authed  bool       // IDENTIFY or RESUME accepted; only the reader uses it
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

// serveGateway runs one websocket connection. A new connection replaces the
// current one, which is dropped: the fake serves one client at a time.
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
	s.gw.conns++
	c := &gwConn{n: s.gw.conns, ws: ws, version: 10}
	if v, err := strconv.Atoi(r.URL.Query().Get("v")); err == nil {
		c.version = v
	}
	old := s.gw.conn
	s.gw.conn = c
	s.notifyLocked()
	s.mu.Unlock()
	if old != nil {
		old.ws.Close()
	}
	defer func() {
		s.mu.Lock()
		if s.gw.conn == c {
			s.gw.conn = nil
		}
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
			return
		}
		var f inFrame
		if err := json.Unmarshal(msg, &f); err != nil {
			s.closeConn(c, 4002, "Error while decoding payload.")
			return
		}
		s.mu.Lock()
		s.gw.frames = append(s.gw.frames, Frame{Conn: c.n, FromClient: true, Op: f.Op, Data: f.Data})
		s.notifyLocked()
		s.mu.Unlock()
		if !s.handleFrame(c, f) {
			return
		}
	}
}

// handleFrame answers one client payload; false ends the connection.
func (s *Server) handleFrame(c *gwConn, f inFrame) bool {
	switch f.Op {
	case OpHeartbeat:
		return s.send(c, OpHeartbeatACK, nil) == nil
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

// identify starts a new session: READY, then GUILD_CREATE per guild.
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
	c.authed = true

	s.mu.Lock()
	s.gw.identify = d
	s.gw.sessionID = fmt.Sprintf("fakesession%s", s.newIDLocked())
	s.gw.seq = 0
	stubs := []any{}
	var guilds []map[string]any
	for _, id := range s.st.guildOrder {
		stubs = append(stubs, map[string]any{"id": id, "unavailable": true})
		guilds = append(guilds, clone(s.st.guilds[id]))
	}
	ready := map[string]any{
		"v":                       c.version,
		"user":                    s.botUser(),
		"guilds":                  stubs,
		"session_id":              s.gw.sessionID,
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
	if shard, ok := d["shard"]; ok {
		ready["shard"] = shard
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

// resume continues the session with RESUMED, or answers op 9 (not
// resumable) when the session id is not the current one.
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
	known := d.SessionID != "" && d.SessionID == s.gw.sessionID
	s.mu.Unlock()
	if !known {
		return s.send(c, OpInvalidSession, false) == nil
	}
	c.authed = true
	return s.dispatchOn(c, "RESUMED", map[string]any{}, true) == nil
}

// Dispatch sends event with data (any JSON-encodable value) as an op 0
// dispatch with the session's next sequence number. INTERACTION_CREATE
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
	c := s.gw.conn
	if c == nil || !c.ready {
		s.mu.Unlock()
		return fmt.Errorf("dispatch %s: %w", event, ErrNotConnected)
	}
	if m != nil {
		s.observeLocked(event, m)
	}
	s.mu.Unlock()
	return s.dispatchOn(c, event, json.RawMessage(b), false)
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
	if s.gw.conn != c || (!ready && !c.ready) {
		s.mu.Unlock()
		return fmt.Errorf("dispatch %s: %w", event, ErrNotConnected)
	}
	s.gw.seq++
	seq := s.gw.seq
	// Recorded and marked ready before the write: the client may react
	// (and a test may Dispatch) as soon as the frame is out. writeMu keeps
	// any other dispatch behind this one.
	if ready {
		c.ready = true
	}
	s.gw.frames = append(s.gw.frames, Frame{Conn: c.n, Op: OpDispatch, Seq: seq, Type: event, Data: b})
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
	s.gw.frames = append(s.gw.frames, Frame{Conn: c.n, Op: op, Data: b}) // before the write, as in dispatchOn
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

// DropConnection closes the current gateway connection abruptly, without a
// close frame, as a network failure would; discordgo then reconnects and
// resumes. It does nothing when no client is connected.
func (s *Server) DropConnection() {
	s.mu.Lock()
	c := s.gw.conn
	s.gw.conn = nil
	s.notifyLocked()
	s.mu.Unlock()
	if c != nil {
		c.ws.Close()
	}
}

// Reconnect asks the client to reconnect (op 7), as Discord does before
// moving a session.
func (s *Server) Reconnect() error {
	s.mu.Lock()
	c := s.gw.conn
	s.mu.Unlock()
	if c == nil {
		return fmt.Errorf("reconnect: %w", ErrNotConnected)
	}
	return s.send(c, OpReconnect, nil)
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
	var got Frame
	err := s.wait(ctx, "gateway frame", func() bool {
		for _, f := range s.gw.frames {
			if match(f) {
				got = f
				return true
			}
		}
		return false
	})
	return got, err
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
	return s.gw.conns
}
