package ingest_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/credence-news/credence/internal/ingest"
)

// The articles of testdata/languages are each recognised as their language,
// with a warning that names it; so is their first paragraph alone (a short
// text); and declaring the language changes nothing.
func TestOtherLanguagesDetected(t *testing.T) {
	names := map[string]string{"id": "Indonesian", "ko": "Korean", "pt": "Portuguese", "es": "Spanish", "de": "German", "fr": "French"}
	files, err := filepath.Glob("../../testdata/languages/*.txt")
	if err != nil || len(files) != len(names) {
		t.Fatalf("language fixtures: %v %v", files, err)
	}
	for _, f := range files {
		code := strings.TrimSuffix(filepath.Base(f), ".txt")
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d := mustIngest(t, string(b), ingest.Options{})
		if d.Meta.Language != code || d.English() {
			t.Errorf("%s: Language = %q, English() = %v", f, d.Meta.Language, d.English())
		}
		want := "language: the article is in " + names[code] + " (" + code + "); Credence's models are English-only, so entities, attributions, claims and language-dependent signals were not computed"
		if len(d.Warnings) != 1 || d.Warnings[0] != want {
			t.Errorf("%s: warnings %q\nwant %q", f, d.Warnings, want)
		}
		// The first paragraph of the body alone.
		paras := strings.Split(string(b), "\n\n")
		d = mustIngest(t, paras[0]+"\n\n"+paras[1], ingest.Options{})
		if d.Meta.Language != code {
			t.Errorf("%s, first paragraph: Language = %q", f, d.Meta.Language)
		}
		// As an HTML page declaring its language, and one wrongly declaring English.
		page := func(lang string) string {
			return `<!doctype html><html lang="` + lang + `"><head><title>` + paras[0] + `</title></head><body><article><h1>` + paras[0] + `</h1><p>` +
				strings.Join(paras[1:], "</p><p>") + `</p></article></body></html>`
		}
		for _, lang := range []string{code, "en"} {
			d = mustIngest(t, page(lang), ingest.Options{})
			if d.Meta.Language != code {
				t.Errorf("%s as HTML with lang=%s: Language = %q", f, lang, d.Meta.Language)
			}
		}
	}
}

// Every shipped English article is English and gets no language warning;
// so is English with many foreign names and a foreign quote, a short English
// text, and an English page whose template declares another language.
func TestEnglishStaysEnglish(t *testing.T) {
	var files []string
	for _, pat := range []string{"../../examples/*.txt", "../../examples/*.html", "../../examples/*.json", "../../testdata/heldout/*.txt", "../../testdata/heldout/*.html", "../../testdata/heldout/*.json"} {
		m, _ := filepath.Glob(pat)
		for _, f := range m {
			if !strings.HasSuffix(f, ".gold.json") {
				files = append(files, f)
			}
		}
	}
	if len(files) < 8 {
		t.Fatalf("only %d shipped articles found", len(files))
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d := mustIngest(t, string(b), ingest.Options{})
		if d.Meta.Language != "en" || len(d.Warnings) != 0 {
			t.Errorf("%s: Language = %q, warnings %q", f, d.Meta.Language, d.Warnings)
		}
	}
	foreignNames := "Jakarta floods displace thousands\n\n" +
		"Floods in Jakarta have forced more than 20,000 people from their homes, officials said on Monday. Residents of Kampung Melayu and Bidara Cina waded through waist-deep water as the Ciliwung river burst its banks.\n\n" +
		"\"Banjir lagi, banjir lagi,\" said Siti Rahmawati, 54, using the Indonesian for \"floods again\". The governor, Pramono Anung, promised to speed up work on the Ciliwung-Cisadane canal.\n"
	quoteFirst := "\"Não vamos desistir de lutar pelos nossos direitos, nem agora nem nunca,\" gritavam os manifestantes em São Paulo. " +
		"Thousands of teachers marched through the centre of the city on Thursday to demand higher pay, and the state governor said he would meet their union next week."
	short := "Council approves new bike lanes\n\nThe city council voted 7-2 on Tuesday to add protected bike lanes on Main Street."
	templated := `<html lang="pt-BR"><head><title>Council approves bike lanes</title></head><body><article><p>` +
		`The city council voted on Tuesday to add protected bike lanes on Main Street, after a year of consultation with residents and shop owners.</p><p>` +
		`The mayor said the work would start in the spring and cost about $2 million, which the council will borrow.</p></article></body></html>`
	for name, in := range map[string]string{"foreign names": foreignNames, "foreign quote first": quoteFirst, "short": short, "declared pt": templated} {
		d := mustIngest(t, in, ingest.Options{})
		if !d.English() || len(d.Warnings) != 0 {
			t.Errorf("%s: Language = %q, warnings %q", name, d.Meta.Language, d.Warnings)
		}
	}
}

// A declared language is used when the text is too short to tell, and is
// normalised to its ISO 639-1 code.
func TestDeclaredLanguage(t *testing.T) {
	cases := []struct{ in, want string }{
		{`{"text": "Governo anuncia pacote.", "language": "Portuguese"}`, "pt"},
		{`{"text": "Governo anuncia pacote.", "language": "por"}`, "pt"},
		{`{"text": "Governo anuncia pacote.", "language": "pt_BR"}`, "pt"},
		{`{"text": "Council approves lanes.", "language": "en-GB"}`, "en"},
		{`{"text": "Council approves lanes.", "language": ""}`, ""},
		{`{"text": "Council approves lanes.", "language": "??"}`, ""},
	}
	for _, c := range cases {
		d := mustIngest(t, c.in, ingest.Options{})
		if d.Meta.Language != c.want {
			t.Errorf("%s: Language = %q, want %q", c.in, d.Meta.Language, c.want)
		}
	}
}
