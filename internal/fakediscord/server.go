package fakediscord

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// APIPrefix is the path under which the REST API is served, the same as
// Discord's.
const APIPrefix = "/api/v9/"

// DefaultHeartbeatInterval is Discord's usual HELLO heartbeat interval.
const DefaultHeartbeatInterval = 41250 * time.Millisecond

// firstSnowflake is where the id counter starts: ids look like 2025's
// snowflakes (19 digits) and stay increasing decimal strings.
const firstSnowflake = 1_350_000_000_000_000_000

// ErrClosed is returned by waits and Dispatch once Close has been called.
var ErrClosed = errors.New("fakediscord: server closed")

// ErrNotConnected is returned by Dispatch when no gateway connection has
// completed READY or RESUMED.
var ErrNotConnected = errors.New("fakediscord: no ready gateway connection")

// Options configures a Server. Every field is optional.
type Options struct {
	// AppID is the application id (default: a generated snowflake).
	AppID string
	// BotID is the bot user's id (default: AppID, as for modern bots).
	BotID string
	// BotName is the bot user's username (default "crisisbot").
	BotName string
	// Token, when set, is the only bot token accepted, with or without the
	// "Bot " prefix: REST calls with another Authorization get 401 and an
	// IDENTIFY or RESUME with another token is closed with 4004.
	Token string
	// HeartbeatInterval is sent in HELLO (default DefaultHeartbeatInterval).
	HeartbeatInterval time.Duration
	// Guilds are stored, listed as unavailable in READY and then sent as
	// GUILD_CREATE dispatches after it, as Discord does, each on the shard
	// that handles it. Each needs an "id".
	Guilds []map[string]any
	// Shards is the shard count GET gateway/bot recommends (default 1).
	Shards int
	// MaxConcurrency is how many shards may identify per 5 seconds, as GET
	// gateway/bot's session_start_limit says (default 1).
	MaxConcurrency int
	// MaxGuildsPerShard, when set, is how many guilds one session may
	// handle: an IDENTIFY whose shard would handle more is closed with
	// 4011 (sharding required), as Discord does past 2,500.
	MaxGuildsPerShard int
	// EchoMessages makes every message the bot posts to a channel come back
	// as a MESSAGE_CREATE dispatch, as Discord does, so a bot that answers
	// itself shows up in tests.
	EchoMessages bool
	// Now stamps messages and threads (default time.Now).
	Now func() time.Time
}

// Server is a fake Discord: REST API and gateway on one loopback httptest
// server. It is safe for concurrent use.
type Server struct {
	opts     Options
	srv      *httptest.Server
	mux      *http.ServeMux
	upgrader websocket.Upgrader
	gateways sync.WaitGroup // gateway connection goroutines

	mu      sync.Mutex
	changed chan struct{} // closed and replaced whenever anything is recorded
	closed  bool
	lastID  uint64
	calls   []Call
	faults  []*fault
	gw      gatewayState
	st      store
}

// New starts a fake Discord on loopback. Close stops it.
func New(opts Options) *Server {
	s := &Server{
		changed: make(chan struct{}),
		lastID:  firstSnowflake,
		st:      newStore(),
		gw:      gatewayState{sessions: map[string]*gwSession{}},
	}
	if opts.AppID == "" {
		opts.AppID = s.newIDLocked()
	}
	if opts.BotID == "" {
		opts.BotID = opts.AppID
	}
	if opts.BotName == "" {
		opts.BotName = "crisisbot"
	}
	if opts.HeartbeatInterval <= 0 {
		opts.HeartbeatInterval = DefaultHeartbeatInterval
	}
	opts.Shards = max(opts.Shards, 1)
	opts.MaxConcurrency = max(opts.MaxConcurrency, 1)
	if opts.Now == nil {
		opts.Now = time.Now
	}
	opts.Token = strings.TrimPrefix(opts.Token, "Bot ")
	s.opts = opts
	// The fake serves any origin: the client is always a test on loopback.
	s.upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}
	for _, g := range opts.Guilds {
		s.addGuildLocked(cloneOrNew(g))
	}
	s.mux = s.routes()
	s.srv = httptest.NewServer(http.HandlerFunc(s.serveHTTP))
	return s
}

// Close stops the server and ends the gateway connection. A discordgo
// Session still open will keep trying to reconnect, so close it first.
func (s *Server) Close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	conns := s.gw.conns
	s.gw.conns = nil
	s.notifyLocked()
	s.mu.Unlock()

	s.srv.Close()
	for _, c := range conns {
		c.ws.Close()
	}
	s.gateways.Wait()
}

// APIURL is the REST base to configure as discord.api_url, for example
// "http://127.0.0.1:PORT/api/v9/".
func (s *Server) APIURL() string { return s.srv.URL + APIPrefix }

// GatewayURL is the websocket URL that GET gateway returns.
func (s *Server) GatewayURL() string {
	return "ws" + strings.TrimPrefix(s.srv.URL, "http") + "/gateway"
}

// AppID is the application id.
func (s *Server) AppID() string { return s.opts.AppID }

// BotID is the bot user's id.
func (s *Server) BotID() string { return s.opts.BotID }

// Client is an HTTP client for the fake's own URLs (APIURL); a discordgo
// Session needs a rewriting Transport instead.
func (s *Server) Client() *http.Client { return s.srv.Client() }

// NewID returns a fresh snowflake, larger than every id issued before.
func (s *Server) NewID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.newIDLocked()
}

func (s *Server) newIDLocked() string {
	s.lastID++
	return strconv.FormatUint(s.lastID, 10)
}

// notifyLocked wakes every waiter; s.mu must be held.
func (s *Server) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// wait blocks until cond, called with s.mu held, reports true, ctx ends or
// the server closes.
func (s *Server) wait(ctx context.Context, what string, cond func() bool) error {
	for {
		s.mu.Lock()
		if cond() {
			s.mu.Unlock()
			return nil
		}
		if s.closed {
			s.mu.Unlock()
			return fmt.Errorf("wait for %s: %w", what, ErrClosed)
		}
		ch := s.changed
		s.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return fmt.Errorf("wait for %s: %w", what, ctx.Err())
		}
	}
}

// timestamp formats the clock's time the way Discord does.
func (s *Server) timestamp() string {
	return s.opts.Now().UTC().Format("2006-01-02T15:04:05.000000+00:00")
}
