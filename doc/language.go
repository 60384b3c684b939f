package doc

import "strings"

// English reports whether the article is to be analysed as English: its
// language (Meta.Language, an ISO 639-1 code set by ingest) is English or
// unknown. Credence's models and word lists are English-only, so the stages
// that need them (language, attribution, claims and the language-dependent
// signals) leave their layers empty when English is false.
//
// An unknown language counts as English: ingest only names another language
// when the text or its declared language says so with confidence, so a
// short English article or one full of foreign names is still analysed.
func (d *Document) English() bool { return IsEnglish(d.Meta.Language) }

// IsEnglish reports whether a language tag means English or is empty:
// "", "en", "en-GB", "en_US", "eng" and "English" do; "pt", "pt-BR" do not.
func IsEnglish(lang string) bool {
	lang = strings.ToLower(strings.TrimSpace(lang))
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	switch lang {
	case "", "en", "eng", "english":
		return true
	}
	return false
}

// NonEnglishNote is the Note of a signal that was not measured because the
// article is not in English.
const NonEnglishNote = "the article is not in English"
