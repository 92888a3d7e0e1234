package config

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // zone checks must not depend on the machine

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"go.yaml.in/yaml/v3"
)

func TestLoadNoFileIsDefault(t *testing.T) {
	got, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(Default(), got); diff != "" {
		t.Errorf("Load(\"\") differs from Default (-want +got):\n%s", diff)
	}
	if err := got.Validate(); err != nil {
		t.Errorf("default config is invalid: %v", err)
	}
}

func TestLoadOverridesDefaults(t *testing.T) {
	path := writeFile(t, `
data_dir: /var/lib/crisisbot
embedder:
  kind: openai
  base_url: http://localhost:11434/v1
  model: nomic-embed-text
llm:
  model: llama3.1
  timeout: 5s
  deadline: 20s
`)
	got, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	want := Default()
	want.DataDir = "/var/lib/crisisbot"
	want.Embedder.Kind = "openai"
	want.Embedder.BaseURL = "http://localhost:11434/v1"
	want.Embedder.Model = "nomic-embed-text"
	want.LLM.Model = "llama3.1"
	want.LLM.Timeout = 5 * time.Second
	want.LLM.Deadline = 20 * time.Second
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("config (-want +got):\n%s", diff)
	}
}

func TestLoadErrorsNameTheKey(t *testing.T) {
	tests := []struct {
		name, yaml, wantKey string
	}{
		{"unknown top-level key", "datadir: x\n", "unknown key datadir"},
		{"unknown nested key", "llm:\n  api_key: sk-123\n", "unknown key llm.api_key"},
		{"section not a mapping", "llm: gpt-4o\n", "llm must be a mapping"},
		{"bad number", "retrieval:\n  top_k: many\n", "retrieval.top_k"},
		{"bad embedder kind", "embedder:\n  kind: bert\n", "embedder.kind"},
		{"openai embedder needs model", "embedder:\n  kind: openai\n", "embedder.model"},
		{"bad url", "llm:\n  base_url: localhost:11434\n", "llm.base_url"},
		{"bad duration", "llm:\n  timeout: soon\n", "llm.timeout: \"soon\" is not a valid duration"},
		{"negative retries", "llm:\n  retries: -1\n", "llm.retries"},
		{"top_k out of range", "retrieval:\n  top_k: 0\n", "retrieval.top_k"},
		{"bad fusion", "retrieval:\n  fusion: magic\n", "retrieval.fusion"},
		{"secret in env name", "llm:\n  api_key_env: sk-abc-123\n", "llm.api_key_env"},
		{"deadline shorter than timeout", "llm:\n  timeout: 30s\n  deadline: 5s\n", "llm.deadline"},
		{"bad log format", "log:\n  format: xml\n", "log.format"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, tt.yaml)
			_, err := Load(path)
			if err == nil {
				t.Fatalf("Load accepted %q", tt.yaml)
			}
			if !strings.Contains(err.Error(), tt.wantKey) || !strings.Contains(err.Error(), path) {
				t.Errorf("error %q does not name %q and the file", err, tt.wantKey)
			}
		})
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "nope.yaml"))
	if err == nil || !strings.Contains(err.Error(), "nope.yaml") {
		t.Errorf("Load(missing) = %v, want an error naming the file", err)
	}
}

func TestExampleConfigIsValid(t *testing.T) {
	cfg, err := Load(filepath.Join("..", "config.example.yaml"))
	if err != nil {
		t.Fatalf("config.example.yaml: %v", err)
	}
	if cfg.LLM.Model != "" || cfg.Embedder.Kind != "local" {
		t.Errorf("config.example.yaml should describe the offline default, got llm.model=%q embedder.kind=%q", cfg.LLM.Model, cfg.Embedder.Kind)
	}
}

func writeFile(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "crisisbot.yaml")
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestExampleConfigDocumentsEveryKey checks that config.example.yaml sets
// every key of Config, each to its default, so the file is the reference.
func TestExampleConfigDocumentsEveryKey(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "config.example.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	var walk func(n *yaml.Node, prefix string)
	walk = func(n *yaml.Node, prefix string) {
		if n.Kind == yaml.DocumentNode {
			walk(n.Content[0], prefix)
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			key := prefix + n.Content[i].Value
			if v := n.Content[i+1]; v.Kind == yaml.MappingNode {
				walk(v, key+".")
				continue
			}
			got[key] = true
		}
	}
	walk(&doc, "")
	want := map[string]bool{}
	var fields func(rt reflect.Type, prefix string)
	fields = func(rt reflect.Type, prefix string) {
		for i := range rt.NumField() {
			f := rt.Field(i)
			key := prefix + strings.Split(f.Tag.Get("yaml"), ",")[0]
			if f.Type.Kind() == reflect.Struct {
				fields(f.Type, key+".")
				continue
			}
			want[key] = true
		}
	}
	fields(reflect.TypeOf(Config{}), "")
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("keys in config.example.yaml (-Config +file):\n%s", diff)
	}
	cfg, err := Load(filepath.Join("..", "config.example.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	def := Default()
	if diff := cmp.Diff(def, cfg, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("config.example.yaml's values differ from Default() (-default +file):\n%s", diff)
	}
}

func TestEveryUnknownKeyIsNamedAtOnce(t *testing.T) {
	path := writeFile(t, "discord:\n  guild: \"1\"\n  rate_limits:\n    per_user: 2\nllm:\n  modle: x\n")
	_, err := Load(path)
	if err == nil {
		t.Fatal("Load accepted unknown keys")
	}
	for _, key := range []string{"discord.guild", "discord.rate_limits", "llm.modle"} {
		if !strings.Contains(err.Error(), "unknown key "+key) {
			t.Errorf("error %q does not name %s", err, key)
		}
	}
}

func TestDiscordAndServeValuesAreChecked(t *testing.T) {
	tests := []struct {
		yaml, key string
	}{
		{"discord:\n  guild_id: abc\n", "discord.guild_id"},
		{"discord:\n  allowed_guilds: [\"1\", \"x2\"]\n", "discord.allowed_guilds[1]"},
		{"discord:\n  mention_reply: sideways\n", "discord.mention_reply"},
		{"discord:\n  context_turns: 21\n", "discord.context_turns"},
		{"discord:\n  rate_limit:\n    in_flight: 0\n", "discord.rate_limit.in_flight"},
		{"discord:\n  rate_limit:\n    window: 0s\n", "discord.rate_limit.window"},
		{"discord:\n  token_env: \"my token\"\n", "discord.token_env"},
		{"discord:\n  answer_channels: [\"1\"]\n  message_content: false\n", "discord.answer_channels"},
		{"discord:\n  api_url: ftp://x\n", "discord.api_url"},
		{"discord:\n  shards: some\n", "discord.shards"},
		{"discord:\n  shards: 0\n", "discord.shards"},
		{"discord:\n  shard_ids: [0]\n", "discord.shard_ids"}, // with auto
		{"discord:\n  shards: 2\n  shard_ids: [2]\n", "discord.shard_ids[0]"},
		{"discord:\n  shards: 2\n  shard_ids: [1, 1]\n", "discord.shard_ids[1]"},
		{"serve:\n  http_addr: nope\n", "serve.http_addr"},
	}
	for _, tt := range tests {
		_, err := Load(writeFile(t, tt.yaml))
		if err == nil || !strings.Contains(err.Error(), tt.key) {
			t.Errorf("%q: error %v, want one naming %s", tt.yaml, err, tt.key)
		}
	}
	// The same section, valid, loads.
	cfg, err := Load(writeFile(t, "discord:\n  guild_id: \"123\"\n  answer_channels: [\"456\"]\n  context_turns: 0\nserve:\n  http_addr: 127.0.0.1:9090\n"))
	if err != nil || cfg.Discord.GuildID != "123" || cfg.Discord.ContextTurns != 0 || cfg.Serve.HTTPAddr != "127.0.0.1:9090" {
		t.Errorf("valid discord/serve config: %+v, %v", cfg.Discord, err)
	}
}

func TestShardsLoad(t *testing.T) {
	cfg, err := Load(writeFile(t, "discord:\n  shards: 4\n  shard_ids: [2, 3]\n"))
	if err != nil || cfg.Discord.ShardCount() != 4 || !slices.Equal(cfg.Discord.ShardIDs, []int{2, 3}) {
		t.Errorf("shards 4, ids [2, 3]: %+v, %v", cfg.Discord, err)
	}
	if n := Default().Discord.ShardCount(); n != 0 {
		t.Errorf("auto: ShardCount = %d, want 0", n)
	}
}

func TestFeedAndDigestValuesAreChecked(t *testing.T) {
	tests := []struct {
		yaml, key string
	}{
		{"feeds:\n  urls: [\"ftp://x/feed\"]\n", "feeds.urls[0]"},
		{"feeds:\n  urls: [\"https://a/f\", \"https://a/f\"]\n", "feeds.urls[1]"},
		{"feeds:\n  poll_interval: 10s\n", "feeds.poll_interval"},
		{"feeds:\n  urls: [\"https://a/f\"]\ntopic:\n  keywords: []\n  description: \"\"\n", "topic"},
		{"topic:\n  min_keywords: 12\n", "topic.min_keywords"},
		{"topic:\n  threshold: 1.5\n", "topic.threshold"},
		{"fetch:\n  max_bytes: 10\n", "fetch.max_bytes"},
		{"fetch:\n  timeout: 0s\n", "fetch.timeout"},
		{"digest:\n  time: \"9am\"\n", "digest.time"},
		{"digest:\n  timezone: Mars/Olympus\n", "digest.timezone"},
		{"digest:\n  subscriptions:\n    - channel: \"12\"\n      time: \"25:00\"\n", "digest.subscriptions[0].time"},
		{"digest:\n  subscriptions:\n    - channel: \"12\"\n    - channel: \"12\"\n", "digest.subscriptions[1].channel"},
		{"digest:\n  subscriptions:\n    - channel: general\n", "digest.subscriptions[0].channel"},
		{"digest:\n  subscriptions:\n    - channel: 1234567890123456789012\n", "digest.subscriptions[0].channel"},
		{"digest:\n  subscriptions:\n    - chanel: \"12\"\n", "unknown key digest.subscriptions[0].chanel"},
	}
	for _, tt := range tests {
		_, err := Load(writeFile(t, tt.yaml))
		if err == nil || !strings.Contains(err.Error(), tt.key) {
			t.Errorf("%q: error %v, want one naming %s", tt.yaml, err, tt.key)
		}
	}
	cfg, err := Load(writeFile(t, "feeds:\n  urls: [\"https://example.com/feed.xml\"]\n"+
		"digest:\n  subscriptions:\n    - channel: \"12\"\n      time: \"07:45\"\n      timezone: Asia/Baku\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []DigestSubscription{{Channel: "12", Time: "07:45", Timezone: "Asia/Baku"}}
	if diff := cmp.Diff(want, cfg.Digest.Subscriptions); diff != "" {
		t.Errorf("subscriptions (-want +got):\n%s", diff)
	}
}
