package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crisisbot/crisisbot/errs"
	"github.com/google/go-cmp/cmp"
)

func readFeedFile(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "feeds", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestParseFeed(t *testing.T) {
	base := "http://news.example/feeds/main.xml"
	at := func(s string) time.Time {
		t.Helper()
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		file string
		want Feed
	}{
		{"rss.xml", Feed{Title: "Caucasus Wire", Link: "http://news.example/", Items: []FeedItem{
			{Title: "Baku cancels Overchuk visit after custody deaths", Link: "http://news.example/articles/overchuk?utm_source=rss&utm_medium=feed", GUID: "cw-1001",
				Published: at("2025-07-02T09:30:00+04:00"), Content: "Azerbaijan cancelled a planned visit by Alexei Overchuk."},
			{Title: "Police raid Sputnik Azerbaijan office in Baku", Link: "http://news.example/articles/sputnik", GUID: "cw-1002", Published: at("2025-06-30T18:00:00+04:00")},
			{Title: "City side lift the cup after extra time", Link: "http://news.example/articles/football", GUID: "cw-1003", Published: at("2025-06-29T21:00:00+04:00")},
			{Title: "Editor's note", GUID: "cw-1004", Published: at("2025-06-29T20:00:00+04:00"), Content: "Our coverage continues."},
			{Title: "Safarov brothers buried in Azerbaijan", Link: "http://news.example/articles/gone", GUID: "cw-1005", Published: at("2025-07-05T12:00:00+04:00"),
				Content: "<p>The Safarov brothers, who died in police custody in Yekaterinburg, were buried in their home village in Azerbaijan on Saturday.</p><p>Hundreds of mourners attended the funeral, relatives said.</p>"},
			{Title: "Baku cancels Overchuk visit after custody deaths", Link: "http://news.example/articles/overchuk?fbclid=IwAR0abc", GUID: "cw-1001-share", Published: at("2025-07-02T09:30:00+04:00")},
		}}},
		{"atom.xml", Feed{Title: "Baku Observer", Link: "http://news.example/", Items: []FeedItem{
			// No <published>: gofeed gives the updated time.
			{Title: "Overchuk visit called off", Link: "http://news.example/mirror/overchuk", GUID: "urn:uuid:bo-1",
				Published: at("2025-07-02T10:00:00Z"), Updated: at("2025-07-02T10:00:00Z"), Content: "A copy of the Caucasus Wire report."},
			// A link relative to the feed's directory.
			{Title: "Moscow summons Azerbaijani ambassador", Link: "http://news.example/feeds/articles/ambassador", GUID: "urn:uuid:bo-2",
				Published: at("2025-07-01T08:00:00Z"), Updated: at("2025-07-03T09:00:00Z"), Content: "<p>Russia's foreign ministry summoned the Azerbaijani ambassador in Moscow.</p>"},
		}}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got, err := ParseFeed(readFeedFile(t, tt.file), mustURL(t, base))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("feed mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestParseFeedPermalinkGUID: an RSS item with no <link> takes a GUID that
// is a URL; a GUID that is not one leaves the item without a link.
func TestParseFeedPermalinkGUID(t *testing.T) {
	data := `<rss version="2.0"><channel><title>T</title>
<item><title>A</title><guid>https://news.example/a</guid></item>
<item><title>B</title><guid isPermaLink="false">b-1</guid></item>
</channel></rss>`
	got, err := ParseFeed([]byte(data), nil)
	if err != nil {
		t.Fatal(err)
	}
	var links []string
	for _, it := range got.Items {
		links = append(links, it.Link)
	}
	if diff := cmp.Diff([]string{"https://news.example/a", ""}, links); diff != "" {
		t.Errorf("links (-want +got):\n%s", diff)
	}
}

func TestParseFeedErrors(t *testing.T) {
	tests := []struct {
		name string
		data []byte
	}{
		{"malformed XML", readFeedFile(t, "malformed.xml")},
		{"an HTML page", readFeedFile(t, "not-a-feed.html")},
		{"empty", nil},
		{"binary", []byte{0x00, 0xff, 0x13, 0x37}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseFeed(tt.data, mustURL(t, "https://news.example/feed.xml"))
			if err == nil {
				t.Fatal("no error")
			}
			if errs.Code(err) != errs.Invalid || !strings.Contains(err.Error(), "feed https://news.example/feed.xml: not a valid RSS or Atom feed") {
				t.Errorf("error %v (code %s): want Invalid naming the feed", err, errs.Code(err))
			}
		})
	}
}

func TestFeedText(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"<p>One.</p><p>Two <b>bold</b>.</p>", "One.\nTwo bold."},
		{"Plain text with &amp; entity.", "Plain text with & entity."},
		{"Line one<br>line two", "Line one\nline two"},
		{"<div>A<script>alert(1)</script><style>p{}</style></div><ul><li>x</li><li>y</li></ul>", "A\nx\ny"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := feedText(tt.in); got != tt.want {
			t.Errorf("feedText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
