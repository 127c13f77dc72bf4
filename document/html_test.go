package document_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"dyad/document"
)

func TestFromHTML(t *testing.T) {
	tests := []struct {
		file, url                    string
		title, wantURL, source, date string
		textHas, textLacks, errHas   string
	}{
		{
			file: "article.html", url: "https://News.Example.com:443/x?id=1#top",
			title: "Ministers agree on border patrols", wantURL: "https://news.example.com/world/2024/03/04/border-patrols",
			source: "The Daily Example", date: "2024-03-04T09:30:00Z",
			textHas: "agreed on Monday to run joint patrols", textLacks: "Privacy",
		},
		{
			file: "latin1.html", url: "https://cafe.example/talks",
			title: "Café talks", wantURL: "https://cafe.example/talks", source: "cafe.example", date: "2024-02-13T00:00:00Z",
			textHas: "met at a café in the capital",
		},
		{file: "nav-only.html", url: "https://x.example/", errHas: "no article text found"},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			f, err := os.Open("testdata/" + tc.file)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			d, err := document.FromHTML(f, tc.url)
			if tc.errHas != "" {
				if err == nil || !strings.Contains(err.Error(), tc.errHas) || !errors.Is(err, document.ErrNoArticle) {
					t.Fatalf("error %v, want %q", err, tc.errHas)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if d.Title != tc.title || d.URL != tc.wantURL || d.Source != tc.source {
				t.Errorf("got title %q url %q source %q", d.Title, d.URL, d.Source)
			}
			if got := d.Date.UTC().Format(time.RFC3339); got != tc.date {
				t.Errorf("date %s, want %s", got, tc.date)
			}
			if !strings.Contains(d.Text, tc.textHas) {
				t.Errorf("text lacks %q:\n%s", tc.textHas, d.Text)
			}
			if tc.textLacks != "" && strings.Contains(d.Text, tc.textLacks) {
				t.Errorf("text has boilerplate %q:\n%s", tc.textLacks, d.Text)
			}
		})
	}
}

func TestFromHTMLTooLarge(t *testing.T) {
	page := "<html><body><p>" + strings.Repeat("word ", document.MaxHTMLSize/5+10) + "</p></body></html>"
	_, err := document.FromHTML(strings.NewReader(page), "https://big.example/")
	if err == nil || !strings.Contains(err.Error(), "over the size limit") {
		t.Fatalf("error %v", err)
	}
}

func TestCanonicalURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"HTTPS://Example.COM", "https://example.com/"},
		{"http://example.com:80/a/b?b=2&a=1#frag", "http://example.com/a/b?a=1&b=2"},
		{"https://example.com/a?utm_source=rss&utm_medium=x&id=7&fbclid=zz", "https://example.com/a?id=7"},
		{"https://example.com:8443/a", "https://example.com:8443/a"},
		{"https://user:pw@example.com/a", "https://example.com/a"},
		{"  /relative/path ", "/relative/path"},
		{"mailto:x@example.com", "mailto:x@example.com"},
	}
	for _, tc := range tests {
		if got := document.CanonicalURL(tc.in); got != tc.want {
			t.Errorf("CanonicalURL(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func ExampleFromHTML() {
	page := `<html><head><title>Talks resume</title><meta property="article:published_time" content="2024-01-09T08:00:00Z"></head>
<body><article><p>Delegations from the two governments resumed talks in Geneva on Tuesday after a pause of three months, a spokesperson said.</p></article></body></html>`
	d, err := document.FromHTML(strings.NewReader(page), "https://www.news.example/talks?utm_source=feed")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d.Title)
	fmt.Println(d.URL)
	fmt.Println(d.Source)
	fmt.Println(d.Date.Format("2006-01-02"))
	fmt.Println(d.Text)
	// Output:
	// Talks resume
	// https://www.news.example/talks
	// news.example
	// 2024-01-09
	// Delegations from the two governments resumed talks in Geneva on Tuesday after a pause of three months, a spokesperson said.
}

func FuzzFromHTML(f *testing.F) {
	for _, name := range []string{"article.html", "latin1.html", "nav-only.html"} {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("<html><body><p>unclosed <b><i>tags"))
	f.Fuzz(func(t *testing.T, page []byte) {
		d, err := document.FromHTML(bytes.NewReader(page), "https://fuzz.example/p")
		if err != nil {
			return
		}
		if strings.TrimSpace(d.Text) == "" {
			t.Fatal("no error and no text")
		}
	})
}
