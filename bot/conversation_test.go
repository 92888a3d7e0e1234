package bot

import (
	"testing"

	"github.com/crisisbot/crisisbot/answer"
)

func TestConversationTurns(t *testing.T) {
	turn := func(i int) answer.Turn { return answer.Turn{Question: string(rune('a' + i))} }
	tests := []struct {
		turns, want int
	}{{0, DefaultContextTurns}, {2, 2}, {-1, 0}}
	for _, tt := range tests {
		c := newConversations(tt.turns)
		var h []answer.Turn
		for i := range 6 {
			c.put("k", h, turn(i))
			h = c.get("k")
		}
		if len(h) != tt.want {
			t.Errorf("turns %d: %d remembered, want %d", tt.turns, len(h), tt.want)
		}
		if tt.want > 0 && h[len(h)-1] != turn(5) {
			t.Errorf("turns %d: last remembered %v, want the newest", tt.turns, h[len(h)-1])
		}
		if got := len(c.bound(make([]answer.Turn, 9))); got != tt.want {
			t.Errorf("turns %d: bound kept %d, want %d", tt.turns, got, tt.want)
		}
	}
}
