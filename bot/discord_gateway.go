package bot

import (
	"context"
	"errors"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"

	"github.com/crisisbot/crisisbot/errs"
)

const (
	// identifyWindow is Discord's window for IDENTIFY: max_concurrency
	// shards (one per rate-limit key, shard_id % max_concurrency) may
	// identify in each.
	identifyWindow = 5 * time.Second
	// heartbeatInterval is the interval Discord's HELLO gives. discordgo
	// v0.28 keeps HELLO to itself, and Discord has sent 41.25 s for years;
	// were it longer, the watchdog would only judge later than it should.
	heartbeatInterval = 41250 * time.Millisecond
	// watchdogEvery is how often the watchdog reads the last ACK, and
	// watchdogMisses how many reads in a row without a new one (1.5
	// intervals) make a connection dead.
	watchdogEvery  = heartbeatInterval / 4
	watchdogMisses = 6
	// resumableClose closes a dead connection without ending its session
	// (1000 and 1001 end it), as discordgo does on op 7.
	resumableClose = websocket.CloseServiceRestart
	// maxReopenDelay caps the backoff between the watchdog's attempts to
	// reconnect.
	maxReopenDelay = 5 * time.Minute
)

// shard is one gateway session of the bot. All REST calls go through the
// first shard's session, so they share one rate limiter.
type shard struct {
	s  *discordgo.Session
	id int
	// readies counts READY events; more than one means the session was
	// identified again.
	readies atomic.Int64
}

// shardPlan is which shards this process runs.
type shardPlan struct {
	count int   // the bot's shard count
	ids   []int // the shards run here
	// perWindow is how many shards may identify per identifyWindow.
	perWindow int
}

// planShards decides the shards to run: the configured count, or the one
// Discord recommends (GET /gateway/bot), and the configured ids or all.
func (d *Discord) planShards(ctx context.Context) (shardPlan, error) {
	p := shardPlan{count: d.cfg.Shards, perWindow: 1}
	var limit *discordgo.SessionInformation
	if p.count != 1 {
		gb, err := d.s.GatewayBot(discordgo.WithContext(ctx))
		if err != nil {
			return p, d.openError(err)
		}
		if p.count == 0 {
			p.count = max(gb.Shards, 1)
		}
		p.perWindow = max(gb.SessionStartLimit.MaxConcurrency, 1)
		limit = &gb.SessionStartLimit
	}
	p.ids = slices.Clone(d.cfg.ShardIDs)
	if len(p.ids) == 0 {
		for id := range p.count {
			p.ids = append(p.ids, id)
		}
	}
	for _, id := range p.ids {
		if id < 0 || id >= p.count {
			return p, errs.Errorf(errs.Invalid, "discord.shard_ids: shard %d is not below the shard count %d (discord.shards)", id, p.count)
		}
	}
	if limit != nil && limit.Total > 0 && len(p.ids) > limit.Remaining {
		// Discord resets the token of a bot that starts more sessions
		// than it allows: better not to start at all.
		return p, errs.Errorf(errs.Unavailable, "Discord allows %d more gateway sessions for %v, too few for %d shards: wait, or run fewer shards (discord.shard_ids)",
			limit.Remaining, time.Duration(limit.ResetAfter)*time.Millisecond, len(p.ids))
	}
	return p, nil
}

// open plans the shards and opens a gateway session for each, one IDENTIFY
// per rate-limit key and window. The shards are kept as they open, so Run
// can close them whatever happens.
func (d *Discord) open(ctx context.Context) error {
	p, err := d.planShards(ctx)
	if err != nil {
		return err
	}
	d.mu.Lock()
	d.wantShards = len(p.ids)
	d.mu.Unlock()
	identified := map[int]time.Time{} // by rate-limit key
	for i, id := range p.ids {
		s := d.s
		if i > 0 {
			if s, err = d.newSession(); err != nil {
				return err
			}
		}
		s.ShardID, s.ShardCount = id, p.count
		sh := &shard{s: s, id: id}
		d.attach(sh)
		key := id % p.perWindow
		if last, ok := identified[key]; ok {
			select {
			case <-d.clock.After(identifyWindow - d.clock.Now().Sub(last)):
			case <-ctx.Done():
				return nil
			}
		}
		identified[key] = d.clock.Now()
		d.mu.Lock()
		d.shards = append(d.shards, sh)
		d.mu.Unlock()
		if err := s.Open(); err != nil {
			return d.openError(err)
		}
	}
	if p.count > 1 {
		d.log.Info("gateway sharded", "shards", p.count, "running", p.ids)
	}
	return nil
}

// attach routes a shard's events to the bot.
func (d *Discord) attach(sh *shard) {
	sh.s.AddHandler(func(_ *discordgo.Session, r *discordgo.Ready) { d.onReady(sh, r) })
	sh.s.AddHandler(func(_ *discordgo.Session, r *discordgo.Resumed) { d.onResumed(sh) })
	sh.s.AddHandler(d.onInteraction)
	sh.s.AddHandler(d.onMessage)
}

// openShards returns the shards opened so far.
func (d *Discord) openShards() []*shard {
	d.mu.Lock()
	defer d.mu.Unlock()
	return slices.Clone(d.shards)
}

// closeShards closes every shard's gateway session, all at once:
// discordgo pauses a second in each Close.
func (d *Discord) closeShards() {
	var wg sync.WaitGroup
	for _, sh := range d.openShards() {
		wg.Go(func() {
			// Without this, a heartbeat racing Close reconnects forever.
			// discordgo reads the flag in reconnect before its Open takes
			// the session's lock, and has no lock of its own for it:
			// written under that lock, the write comes after a
			// reconnect's read (the race detector had caught the two
			// unordered at the end of a reconnect test).
			sh.s.Lock()
			sh.s.ShouldReconnectOnError = false
			sh.s.Unlock()
			sh.s.Close()
		})
	}
	wg.Wait()
}

// channel finds a channel in the state of the shards: a guild's channels
// are in the state of the shard that handles the guild.
func (d *Discord) channel(id string) (*discordgo.Channel, error) {
	err := discordgo.ErrStateNotFound
	for _, sh := range d.openShards() {
		var ch *discordgo.Channel
		if ch, err = sh.s.State.Channel(id); err == nil {
			return ch, nil
		}
	}
	return nil, err
}

// watch is the heartbeat watchdog of one shard. discordgo declares a
// connection dead only after five intervals without an ACK, and then
// closes it with 1000, which ends the session. The watchdog gives up after
// 1.5 intervals and closes with a resumable code, so the session resumes
// and no event is lost. It reads the ACK's time only to see it change, and
// counts its own reads on the injected clock.
func (d *Discord) watch(ctx context.Context, sh *shard) {
	var last time.Time
	misses := 0
	for {
		select {
		case <-d.clock.After(watchdogEvery):
		case <-ctx.Done():
			return
		}
		if ctx.Err() != nil {
			return
		}
		sh.s.RLock()
		ack, up := sh.s.LastHeartbeatAck, sh.s.DataReady
		sh.s.RUnlock()
		if !up || !ack.Equal(last) {
			// Not connected (discordgo is reconnecting on its own), or
			// alive.
			last, misses = ack, 0
			continue
		}
		if misses++; misses < watchdogMisses {
			continue
		}
		misses = 0
		d.log.Warn("no heartbeat ACK from Discord in 1.5 intervals: reconnecting to resume", "shard", sh.id)
		d.reopen(ctx, sh)
	}
}

// reopen closes a shard's connection with a resumable code and opens it
// again, which resumes the session, retrying with backoff until it
// connects or ctx ends.
func (d *Discord) reopen(ctx context.Context, sh *shard) {
	sh.s.CloseWithCode(resumableClose) // its error is always nil
	delay := time.Second
	for {
		err := sh.s.Open()
		if err == nil || errors.Is(err, discordgo.ErrWSAlreadyOpen) {
			return
		}
		d.log.Warn("reconnect to Discord", "shard", sh.id, "err", err, "retry_in", delay)
		select {
		case <-d.clock.After(delay):
		case <-ctx.Done():
			return
		}
		delay = min(2*delay, maxReopenDelay)
	}
}
