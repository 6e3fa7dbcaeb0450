package kettudocs_test

import (
	"os"
	"testing"

	"github.com/chromedp/chromedp"

	"kettudocs/internal/browsertest"
	"kettudocs/internal/kettureg"
)

// contrastJS returns the contrast ratio of the text colour of element e
// against the background of element bg, both as the browser paints them:
// a canvas turns any CSS colour (light-dark(), color-mix()) into sRGB bytes.
const contrastJS = `function contrast(e, bg) {
	var c = document.createElement("canvas").getContext("2d", {willReadFrequently: true});
	function rgb(css) { c.clearRect(0, 0, 1, 1); c.fillStyle = "#fff"; c.fillRect(0, 0, 1, 1); c.fillStyle = css; c.fillRect(0, 0, 1, 1); return c.getImageData(0, 0, 1, 1).data; }
	function lum(d) { var v = [0, 1, 2].map(function (i) { var x = d[i] / 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); }); return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; }
	var a = lum(rgb(getComputedStyle(e).color)), b = lum(rgb(getComputedStyle(bg).backgroundColor));
	return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}`

// TestAuthoringBrowser checks the writers' features on the writing guide,
// which shows each of them, in Chromium: callouts, definition lists.
func TestAuthoringBrowser(t *testing.T) {
	t.Parallel()
	b := browsertest.Browser(t)
	s := serveSite(t, os.DirFS("content"), kettureg.Registry())
	guide := s.pageURL("writing-docs/index.html")

	t.Run("Callouts", func(t *testing.T) {
		t.Parallel()
		tab := browsertest.Tab(t, b)
		for _, dark := range []bool{false, true} {
			prefersDark(t, tab, dark)
			do(t, tab, chromedp.Navigate(guide))
			type callout struct {
				Class, Role, Label, Title string
				Icon                      bool
				Contrast                  float64
				Border                    string
			}
			got := eval[[]callout](t, tab, `(function () {`+contrastJS+`
				return Array.prototype.map.call(document.querySelectorAll(".callout"), function (c) {
					var title = c.querySelector(".callout-title");
					return {Class: c.className, Role: c.getAttribute("role"), Label: c.getAttribute("aria-label"),
						Title: title.textContent, Icon: title.querySelector("svg").getBoundingClientRect().width > 0,
						Contrast: contrast(title, c), Border: getComputedStyle(c).borderLeftColor};
				});
			})()`)
			want := []struct{ class, title string }{
				{"callout note", "Note"}, {"callout tip", "Tip"}, {"callout important", "Important"},
				{"callout warning", "Warning"}, {"callout caution", "Caution"},
			}
			if len(got) != len(want) {
				t.Fatalf("dark=%v: %d callouts on the writing guide, want %d: %+v", dark, len(got), len(want), got)
			}
			borders := map[string]bool{}
			for i, w := range want {
				c := got[i]
				if c.Class != w.class || c.Role != "note" || c.Label != w.title || c.Title != w.title || !c.Icon {
					t.Errorf("dark=%v: callout %d is %+v, want class %q, role note, label and title %q, an icon", dark, i, c, w.class, w.title)
				}
				if c.Contrast < 4.5 {
					t.Errorf("dark=%v: %s title contrast %.2f, want at least 4.5", dark, w.class, c.Contrast)
				}
				borders[c.Border] = true
			}
			if len(borders) != len(want) {
				t.Errorf("dark=%v: callout kinds share colours: %v", dark, borders)
			}
			// The page's text in a callout passes too.
			if r := eval[float64](t, tab, `(function () {`+contrastJS+` var c = document.querySelector(".callout.warning"); return contrast(c.querySelector("p:not(.callout-title)"), c); })()`); r < 4.5 {
				t.Errorf("dark=%v: text in a callout has contrast %.2f, want at least 4.5", dark, r)
			}
		}
	})

	t.Run("DefinitionList", func(t *testing.T) {
		t.Parallel()
		tab := browsertest.Tab(t, b)
		do(t, tab, chromedp.Navigate(guide))
		got := eval[[]string](t, tab, `Array.prototype.map.call(document.querySelectorAll(".prose dl > *"), function (e) { return e.tagName + ":" + e.textContent.trim(); })`)
		want := []string{"DT:Resume", "DD:Reconnect with the session id and replay the events missed.", "DT:Reconnect", "DD:Start a new session: identify again."}
		if len(got) != len(want) {
			t.Fatalf("definition list: %q, want %q", got, want)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("definition list item %d: %q, want %q", i, got[i], want[i])
			}
		}
	})
}
