package main

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/crisisbot/crisisbot/internal/fakediscord"
)

// TestServeRunsTheConfiguredShards checks that discord.shards and
// discord.shard_ids reach the gateway: this process identifies as shard 1
// of 2 only.
func TestServeRunsTheConfiguredShards(t *testing.T) {
	const token = "serve-shard-token"
	fake := fakediscord.New(fakediscord.Options{AppID: "1400000000000000001", Token: token})
	defer fake.Close()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "crisisbot.yaml")
	writeFile(t, cfg, fmt.Sprintf("discord:\n  api_url: %s\n  shards: 2\n  shard_ids: [1]\n", fake.APIURL()))

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	stop, done, _ := startServe(ctx, t, fake, filepath.Join(dir, "data"), cfg, token)
	stop()
	if err := <-done; err != nil {
		t.Errorf("serve returned %v after cancel, want nil", err)
	}
	var shards [][2]int
	for _, f := range fake.Frames() {
		if f.FromClient && f.Op == fakediscord.OpIdentify {
			var d struct {
				Shard [2]int `json:"shard"`
			}
			if err := json.Unmarshal(f.Data, &d); err != nil {
				t.Fatal(err)
			}
			shards = append(shards, d.Shard)
		}
	}
	if len(shards) != 1 || shards[0] != [2]int{1, 2} {
		t.Errorf("IDENTIFY shards = %v, want [[1 2]]", shards)
	}
}
