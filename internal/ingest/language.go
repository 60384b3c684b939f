package ingest

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/RadhiFadlillah/whatlanggo"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/credence-news/credence/doc"
)

// langDetectSample is how much body text the trigram detector reads when
// the English fast path has not settled the language: trigram profiles
// need a few hundred letters to be sure of a Latin-script language, and
// a non-English article skips the expensive stages, so the longer read costs
// nothing overall.
const langDetectSample = 3000

// Detection must be this sure, on at least this many letters, to name a
// language. Below that the text is too short to tell a language from the
// profiles (60 letters of German score 0.11, of Indonesian 0.67; a short
// English paragraph with Indonesian place names comes out Javanese).
const (
	langMinConfidence  = 0.8
	langMinLetters     = 120 // for the Latin and other shared scripts
	langMinScriptChars = 20  // for a script that only one language writes (Hangul, Thai, ...)
)

// resolveLanguage sets d.Meta.Language to the ISO 639-1 code of the
// article's language, from what the input declares (an HTML lang attribute
// or the JSON "language" field, already in d.Meta.Language) and what its body
// reads as:
//
//   - a body that reads as English (many English function words) is English,
//     whatever the page declares: a site's template often declares one
//     language for every article;
//   - otherwise a confident detection on enough text wins, except that a
//     body with a fair share of English function words is never called
//     another language (an English article full of foreign names and quotes);
//   - otherwise the declared language, when there is one;
//   - otherwise the language is unknown (""), and the article is analysed
//     as English.
//
// A language other than English is reported in d.Warnings, because the
// stages with English models then leave their layers empty.
func resolveLanguage(d *doc.Document) {
	declared := normalizeLang(d.Meta.Language)
	lang := declared
	if detected, sure := detectLanguage(d.Input.Source[d.Input.BodyStart:]); sure {
		lang = detected
	}
	d.Meta.Language = lang
	if !doc.IsEnglish(lang) {
		d.Warnings = append(d.Warnings, nonEnglishWarning(lang))
	}
}

// nonEnglishWarning is the warning of an article in another language.
func nonEnglishWarning(lang string) string {
	return fmt.Sprintf("language: the article is in %s (%s); Credence's models are English-only, so entities, attributions, claims and language-dependent signals were not computed", languageName(lang), lang)
}

// detectLanguage reads the start of text and returns its language, and
// whether the reading is sure enough to override a declared language.
func detectLanguage(text string) (lang string, sure bool) {
	if looksEnglish(cutAt(text, langSample)) {
		return "en", true
	}
	text = cutAt(text, langDetectSample)
	words, hits := functionWordCounts(text)
	if words >= 20 && hits*6 >= words {
		return "en", true
	}
	info := whatlanggo.Detect(text)
	if info.Lang < 0 || info.Confidence < langMinConfidence {
		return "", false
	}
	code := info.Lang.Iso6391()
	if code == "" {
		code = info.Lang.Iso6393()
	}
	if code == "en" {
		return code, letters(text, nil) >= langMinLetters
	}
	// One English function word in twelve is far more than any other
	// language has by accident (0 to 1% in the test articles) and far less
	// than English prose has (24 to 33%): not sure either way.
	if hits*12 >= words {
		return "", false
	}
	if info.Script != nil && info.Script != unicode.Latin && info.Confidence == 1 && singleLanguageScript(info.Script) {
		return code, letters(text, info.Script) >= langMinScriptChars
	}
	return code, letters(text, nil) >= langMinLetters
}

// singleLanguageScript reports whether whatlanggo maps the script to one
// language without comparing profiles.
func singleLanguageScript(t *unicode.RangeTable) bool {
	switch t {
	case unicode.Latin, unicode.Cyrillic, unicode.Devanagari, unicode.Hebrew, unicode.Ethiopic, unicode.Arabic:
		return false
	}
	return true
}

// letters counts the letters of text, or only those of script when it is
// not nil.
func letters(text string, script *unicode.RangeTable) int {
	n := 0
	for _, r := range text {
		if script != nil {
			if unicode.Is(script, r) {
				n++
			}
		} else if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// cutAt returns at most the first n bytes of s, cut at a rune boundary.
func cutAt(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// normalizeLang turns a declared language ("pt-BR", "en_US", "por",
// "Portuguese", "EN") into an ISO 639-1 code, or "" when it names none.
func normalizeLang(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_,; "); i >= 0 {
		s = s[:i]
	}
	if s == "" {
		return ""
	}
	names := languageNames()
	switch {
	case len(s) == 2:
		if s[0] >= 'a' && s[0] <= 'z' && s[1] >= 'a' && s[1] <= 'z' {
			return s // an ISO 639-1 code, perhaps of a language whatlanggo does not know
		}
	case len(s) == 3:
		if l := whatlanggo.CodeToLang(s); l >= 0 && l.Iso6391() != "" {
			return l.Iso6391()
		}
		if s == "eng" {
			return "en"
		}
	default:
		if code, ok := names.byName[s]; ok {
			return code
		}
	}
	return ""
}

type langNames struct {
	byCode map[string]string // "pt" -> "Portuguese"
	byName map[string]string // "portuguese" -> "pt"
}

var (
	langNamesOnce sync.Once
	langNamesMap  langNames
)

func languageNames() langNames {
	langNamesOnce.Do(func() {
		langNamesMap = langNames{byCode: map[string]string{}, byName: map[string]string{}}
		for l, name := range whatlanggo.Langs {
			code := l.Iso6391()
			if code == "" {
				continue
			}
			langNamesMap.byCode[code] = name
			langNamesMap.byName[strings.ToLower(name)] = code
		}
		// Names whatlanggo spells its own way, or lacks.
		for code, name := range map[string]string{"zh": "Chinese", "ms": "Malay", "fa": "Persian", "ar": "Arabic", "no": "Norwegian", "en": "English"} {
			langNamesMap.byCode[code] = name
			langNamesMap.byName[strings.ToLower(name)] = code
		}
	})
	return langNamesMap
}

// languageName is the English name of an ISO 639-1 code, or the code itself.
func languageName(code string) string {
	if name, ok := languageNames().byCode[code]; ok {
		return name
	}
	return code
}

// htmlLang returns the language a page declares: the lang attribute of its
// html element, else a Content-Language meta tag, else its og:locale.
func htmlLang(root *html.Node) string {
	var htmlAttr, meta, locale string
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Html:
				htmlAttr = firstNonEmpty(attr(n, "lang"), attr(n, "xml:lang"))
			case atom.Meta:
				switch {
				case strings.EqualFold(attr(n, "http-equiv"), "content-language"):
					meta = attr(n, "content")
				case strings.EqualFold(attr(n, "property"), "og:locale"):
					locale = attr(n, "content")
				}
			case atom.Body:
				return // the declarations are in the head
			}
		}
		if depth > 3 {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(root, 0)
	return firstNonEmpty(htmlAttr, meta, locale)
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return strings.TrimSpace(a.Val)
		}
	}
	return ""
}
