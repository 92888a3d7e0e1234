package timeline

import (
	"encoding/json"
	"os"
	"testing"
)

func TestDumpBundled(t *testing.T) {
	x, docs := bundledIndex(t)
	data, _ := json.MarshalIndent(x.Events(), "", " ")
	os.WriteFile("/tmp/new-bundled.json", data, 0o644)
	data, _ = json.MarshalIndent(x.Topics(), "", " ")
	os.WriteFile("/tmp/new-topics.json", data, 0o644)
	var ms []Mention
	for _, d := range docs {
		ms = append(ms, Extract(d)...)
	}
	data, _ = json.MarshalIndent(ms, "", " ")
	os.WriteFile("/tmp/new-mentions.json", data, 0o644)
}
