package claims_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/credence-news/credence"
	"github.com/credence-news/credence/internal/checkworthy"
	"github.com/credence-news/credence/internal/claims"
)

func TestZZDump(t *testing.T) {
	raw := []byte("Kim's envoy holds talks with Lavrov in Moscow\n\nKim Jong-un's envoy met Sergei Lavrov in Moscow on Tuesday. According to RIA Novosti, the talks lasted for five hours. Russian state television said the talks lasted for five hours. The talks lasted for five hours, the Daily Star reported.\n\nWe can probably guess it has something to do with Russia parking a rather large army on North Korea's border. It may have something to do with Russia parking a rather large army on North Korea's border. Perhaps it is about Russia parking a rather large army on North Korea's border.\n\n\"We discussed everything, including the border,\" Maria Zakharova told reporters on Wednesday.\n")
	d, err := credence.Document(context.Background(), raw, credence.Options{Kind: "text"})
	if err != nil {
		t.Fatal(err)
	}
	m, _ := checkworthy.Default()
	for _, c := range claims.New(m).Candidates(d) {
		fmt.Printf("%.3f %s %d %s\n", c.Checkworthiness, c.Mode, c.Attribution, d.Text[c.Start:c.End])
	}
	for _, c := range d.Claims {
		fmt.Printf("LISTED %.3f %s %v %d\n", c.Checkworthiness, c.Mode, c.Headline, c.Attribution)
	}
	for _, a := range d.Attributions {
		fmt.Printf("ATT %s %s | %s\n", a.Source.Name, a.Source.Type, d.Text[a.Content.Start:a.Content.End])
	}
	for _, sg := range d.Signals {
		if sg.ID == "speculation" {
			for _, e := range sg.Evidence {
				fmt.Println("HEDGE", d.Text[e.Start:e.End])
			}
		}
	}
}
