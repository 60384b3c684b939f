package ingest_test

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"strings"
	"testing"

	"github.com/credence-news/credence/internal/ingest"
)

// zipOf builds a ZIP file with the given entries, in order; "mimetype" is
// stored uncompressed, as OpenDocument and EPUB require.
func zipOf(t *testing.T, entries ...string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for i := 0; i < len(entries); i += 2 {
		method := zip.Deflate
		if entries[i] == "mimetype" {
			method = zip.Store
		}
		f, err := w.CreateHeader(&zip.FileHeader{Name: entries[i], Method: method})
		if err != nil {
			t.Fatal(err)
		}
		f.Write([]byte(entries[i+1]))
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// A minimal PDF whose page content is an uncompressed text stream: all of
// it is valid UTF-8 text, which used to be analysed as a French article.
const minimalPDF = `%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >> endobj
4 0 obj << /Length 120 >>
stream
BT /F1 12 Tf 72 720 Td (The council voted on Tuesday to close the swimming pool for the summer.) Tj ET
endstream
endobj
5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj
xref
0 6
trailer << /Size 6 /Root 1 0 R >>
startxref
0
%%EOF
`

// Documents, images, archives and media are refused with one line that
// names the format and, where there is one, how to get the text.
func TestDocumentFormatsRefused(t *testing.T) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte("Headline\n\nBody text of the article.\n"))
	zw.Close()
	cases := []struct {
		name string
		in   []byte
		msg  string
	}{
		{"pdf", []byte(minimalPDF), "input is a PDF document, not text, HTML or JSON; extract its text first (e.g. pdftotext FILE article.txt)"},
		{"pdf after a BOM and blank line", []byte("\xef\xbb\xbf\n" + minimalPDF), "input is a PDF document"},
		{"postscript", []byte("%!PS-Adobe-3.0\n%%Title: article\n/Helvetica findfont 12 scalefont setfont\n72 720 moveto (The council voted) show\nshowpage\n"), "input is a PostScript document, not text, HTML or JSON; extract its text first (e.g. ps2ascii"},
		{"rtf", []byte(`{\rtf1\ansi\deff0 {\fonttbl {\f0 Times New Roman;}}\f0\fs24 The council voted on Tuesday to close the pool.\par}`), "input is an RTF document, not text, HTML or JSON; convert it to plain text first (e.g. pandoc"},
		{"legacy doc", append([]byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), make([]byte, 504)...), "input is a Microsoft Office document in the legacy binary format (.doc, .xls or .ppt), not text, HTML or JSON; convert it to plain text first (e.g. libreoffice"},
		{"docx", zipOf(t, "[Content_Types].xml", `<?xml version="1.0"?><Types/>`, "_rels/.rels", "<Relationships/>", "word/document.xml", "<w:document><w:body><w:p><w:r><w:t>The council voted.</w:t></w:r></w:p></w:body></w:document>"), "input is a Word document (.docx), not text, HTML or JSON; convert it to plain text first (e.g. pandoc"},
		{"xlsx", zipOf(t, "[Content_Types].xml", "<Types/>", "xl/workbook.xml", "<workbook/>"), "input is an Excel spreadsheet (.xlsx), not text, HTML or JSON"},
		{"pptx", zipOf(t, "[Content_Types].xml", "<Types/>", "ppt/presentation.xml", "<presentation/>"), "input is a PowerPoint presentation (.pptx), not text, HTML or JSON"},
		{"other ooxml", zipOf(t, "[Content_Types].xml", "<Types/>", "visio/document.xml", "<x/>"), "input is a Microsoft Office document, not text"},
		{"odt", zipOf(t, "mimetype", "application/vnd.oasis.opendocument.text", "content.xml", "<office:document-content/>"), "input is an OpenDocument text document (.odt), not text, HTML or JSON; convert it to plain text first (e.g. pandoc"},
		{"ods", zipOf(t, "mimetype", "application/vnd.oasis.opendocument.spreadsheet", "content.xml", "<x/>"), "input is an OpenDocument spreadsheet (.ods)"},
		{"epub", zipOf(t, "mimetype", "application/epub+zip", "META-INF/container.xml", "<container/>"), "input is an EPUB e-book, not text, HTML or JSON; convert it to plain text first"},
		{"zip", zipOf(t, "article.txt", "Headline\n\nBody."), "input is a ZIP archive, not text, HTML or JSON; unpack it first and give one article"},
		{"gzip", gz.Bytes(), "input is a gzip-compressed file, not text, HTML or JSON; decompress it first (e.g. gunzip)"},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "input is a PNG image, not text, HTML or JSON; Credence reads text, not images"},
		{"jpeg", []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"), "input is a JPEG image"},
		{"gif", []byte("GIF89a\x01\x00\x01\x00\x80\x00\x00"), "input is a GIF image"},
		{"webp", []byte("RIFF\x24\x00\x00\x00WEBPVP8 "), "input is a WebP image"},
		{"svg", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><text x="0" y="15">The council voted on Tuesday to close the pool for the summer.</text></svg>`), "input is an SVG image"},
		{"mp4", []byte("\x00\x00\x00\x20ftypisom\x00\x00\x02\x00"), "input is an MP4 or QuickTime media file"},
		{"elf", []byte("\x7fELF\x02\x01\x01\x00"), "input is an executable program"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ingest.Ingest(c.in, ingest.Options{})
			ie, ok := err.(*ingest.Error)
			if !ok || ie.Code != ingest.CodeFormat || !strings.HasPrefix(ie.Msg, c.msg) || strings.Contains(ie.Msg, "\n") {
				t.Errorf("err = %#v, want code %s and message starting %q", err, ingest.CodeFormat, c.msg)
			}
			// A forced kind does not make a PDF text.
			if _, err := ingest.Ingest(c.in, ingest.Options{Kind: "text"}); err == nil {
				t.Error("--kind text: accepted")
			}
		})
	}
}

// Articles that start like a format's signature are still articles.
func TestFormatLookalikesAccepted(t *testing.T) {
	body := "\n\nThe company said on Tuesday that sales rose by a fifth in the first quarter, helped by strong demand in China and the United States."
	for _, title := range []string{
		"BMW recalls 50,000 cars over airbag fault",
		"PK Subban retires from hockey",
		"MZ Wallace opens a store in London",
		"ID3 tags explained: how your music library knows its songs",
		"BZh? No: the new Z-series phone",
		"%PDF files are still the web's most common documents",
		"{rtf} is not a word, says the spelling bee",
		"GIF or JIF? The inventor settles the argument",
	} {
		if _, err := ingest.Ingest([]byte(title+body), ingest.Options{}); err != nil {
			t.Errorf("%q: %v", title, err)
		}
	}
}
