package main

import (
	"testing"

	"github.com/crisisbot/crisisbot/config"
)

// TestDeployConfig loads the config that deploy/compose.yaml mounts, so it
// cannot drift from the keys the bot knows: unknown keys are refused.
func TestDeployConfig(t *testing.T) {
	cfg, err := config.Load("../../deploy/crisisbot.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.LLM.BaseURL != "http://ollama:11434/v1" || cfg.LLM.Model == "" {
		t.Errorf("llm = %+v, want a model at the Ollama service, http://ollama:11434/v1", cfg.LLM)
	}
	if cfg.Serve.HTTPAddr != "0.0.0.0:9090" {
		t.Errorf("serve.http_addr = %q, want 0.0.0.0:9090, the port the image exposes", cfg.Serve.HTTPAddr)
	}
}
