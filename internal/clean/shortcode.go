package clean

import (
	"strings"

	"github.com/credence-news/credence/doc"
)

// shortcodeNames are CMS shortcodes (WordPress, Ooyala, Brightcove, ...)
// recognised by name even without attributes. Any other bracketed word
// followed by key=value attributes is taken as a shortcode too; a bare
// "[sic]" or "[the minister]" inside a quote is not.
var shortcodeNames = map[string]bool{
	"caption": true, "embed": true, "tweet": true, "twitter": true, "video": true, "audio": true,
	"youtube": true, "vimeo": true, "instagram": true, "facebook": true, "tiktok": true,
	"gallery": true, "playlist": true, "ooyala": true, "jwplayer": true, "jwplatform": true,
	"brightcove": true, "bc_video": true, "kaltura": true, "dailymotion": true, "iframe": true,
	"related": true, "pullquote": true, "image": true, "img": true, "photo": true, "gif": true,
	"ad": true, "ads": true, "adsense": true, "dfp": true, "wp_ad": true, "wpvideo": true,
	"soundcloud": true, "spotify": true, "scribd": true, "googlemaps": true, "pdf": true,
	"button": true, "contact-form": true, "social": true, "fb_video": true, "vine": true,
	"flickr": true, "slideshow": true, "poll": true, "quiz": true, "newsletter": true,
	"read-more": true, "readmore": true, "more": true, "vc_row": true, "vc_column": true,
	"vc_column_text": true, "et_pb_section": true, "su_button": true, "infogram": true,
	"datawrapper": true, "podcast": true, "livestream": true, "player": true,
}

// pairedShortcodes wrap content ("[caption]...[/caption]") that goes with them.
var pairedShortcodes = map[string]bool{
	"caption": true, "embed": true, "tweet": true, "video": true, "audio": true, "youtube": true,
	"vimeo": true, "instagram": true, "pullquote": true, "related": true, "gallery": true,
	"iframe": true, "twitter": true, "facebook": true, "tiktok": true, "soundcloud": true,
	"spotify": true, "button": true, "newsletter": true, "poll": true, "vc_row": true,
	"vc_column": true, "vc_column_text": true, "et_pb_section": true, "su_button": true,
}

// maxShortcodeTag bounds an opening tag, and maxShortcodeBody the content of
// a paired shortcode, so an unclosed "[caption" cannot swallow the article.
const (
	maxShortcodeTag  = 1000
	maxShortcodeBody = 3000
)

// findShortcodes returns the spans of shortcodes in src from start on.
func findShortcodes(src string, start int) []doc.Span {
	var out []doc.Span
	for i := start; i < len(src); {
		j := strings.IndexByte(src[i:], '[')
		if j < 0 {
			break
		}
		i += j
		name, closing, end, ok := parseShortcodeTag(src, i)
		if !ok {
			i++
			continue
		}
		if !closing && pairedShortcodes[name] {
			limit := min(len(src), end+maxShortcodeBody)
			closer := "[/" + name + "]"
			if k := indexFold(src[end:limit], closer); k >= 0 {
				end += k + len(closer)
			}
		}
		out = append(out, doc.Span{Start: i, End: end})
		i = end
	}
	return out
}

// parseShortcodeTag parses "[name attrs]" or "[/name]" at src[i].
func parseShortcodeTag(src string, i int) (name string, closing bool, end int, ok bool) {
	p := i + 1
	if p < len(src) && src[p] == '/' {
		closing = true
		p++
	}
	ns := p
	for p < len(src) && (isASCIILetter(src[p]) || src[p] == '_' || src[p] == '-' || (p > ns && src[p] >= '0' && src[p] <= '9')) {
		p++
	}
	if p == ns {
		return "", false, 0, false
	}
	name = strings.ToLower(src[ns:p])
	limit := min(len(src), i+maxShortcodeTag)
	k := strings.IndexByte(src[p:limit], ']')
	if k < 0 {
		return "", false, 0, false
	}
	attrs := src[p : p+k]
	if strings.ContainsAny(attrs, "\n[") {
		return "", false, 0, false
	}
	if attrs != "" && attrs[0] != ' ' && attrs[0] != '\t' {
		return "", false, 0, false // "[foo.bar]" or "[1]": not a tag
	}
	known := shortcodeNames[name]
	if !known && (closing || !strings.Contains(attrs, "=")) {
		return "", false, 0, false
	}
	return name, closing, p + k + 1, true
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// indexFold is strings.Index ignoring ASCII case.
func indexFold(s, sub string) int {
	n := len(sub)
	for i := 0; i+n <= len(s); i++ {
		if strings.EqualFold(s[i:i+n], sub) {
			return i
		}
	}
	return -1
}
