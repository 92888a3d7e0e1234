package bot

import (
	lru "github.com/hashicorp/golang-lru/v2"

	"github.com/crisisbot/crisisbot/answer"
)

// Defaults for conversations.
const (
	DefaultContextTurns = 4
	// maxConversations bounds the conversations kept in memory; the least
	// recently used are forgotten first.
	maxConversations = 2000
)

// conversations remembers the last turns of each conversation: a thread,
// a chain of replies, or the terminal session. It lives in memory only: a
// restarted bot answers follow-ups in old threads from the thread's
// history, which the Discord transport reads back.
type conversations struct {
	turns int
	c     *lru.Cache[string, []answer.Turn]
}

// newConversations keeps turns exchanges per conversation: 0 means
// DefaultContextTurns, a negative number none (every question stands
// alone).
func newConversations(turns int) *conversations {
	switch {
	case turns == 0:
		turns = DefaultContextTurns
	case turns < 0:
		turns = 0
	}
	c, err := lru.New[string, []answer.Turn](maxConversations)
	if err != nil {
		panic(err) // only for a size <= 0
	}
	return &conversations{turns: turns, c: c}
}

// get returns key's turns, oldest first.
func (c *conversations) get(key string) []answer.Turn {
	if key == "" || c.turns == 0 {
		return nil
	}
	ts, _ := c.c.Get(key)
	return ts
}

// put stores prior followed by t under key, keeping the last turns.
func (c *conversations) put(key string, prior []answer.Turn, t answer.Turn) {
	if key == "" || c.turns == 0 {
		return
	}
	ts := append(append([]answer.Turn(nil), prior...), t)
	if len(ts) > c.turns {
		ts = ts[len(ts)-c.turns:]
	}
	c.c.Add(key, ts)
}

// bound keeps the last turns of a history read from elsewhere.
func (c *conversations) bound(ts []answer.Turn) []answer.Turn {
	if c.turns == 0 {
		return nil
	}
	if len(ts) > c.turns {
		return ts[len(ts)-c.turns:]
	}
	return ts
}
