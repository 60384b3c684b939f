package corpus

// TEMPORARY stub until the readers land.

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"os"
	"sync/atomic"
)

type ReadOptions struct {
	Stdin     io.Reader
	Format    string
	MaxRecord int64
	Counter   *atomic.Int64
}

func Read(ctx context.Context, inputs []string, opts ReadOptions) iter.Seq2[Record, error] {
	return func(yield func(Record, error) bool) {
		for _, in := range inputs {
			f, err := os.Open(in)
			if err != nil {
				yield(Record{}, err)
				return
			}
			defer f.Close()
			r := bufio.NewReader(f)
			n := 0
			for {
				line, err := r.ReadBytes('\n')
				if len(line) > 0 {
					n++
					if opts.Counter != nil {
						opts.Counter.Add(int64(len(line)))
					}
					var h struct{ ID string }
					rec := Record{Input: in, Pos: fmt.Sprintf("line %d", n), Data: line}
					if e := json.Unmarshal(line, &h); e != nil {
						rec.Err = &RecordError{Kind: KindBadJSON, Msg: e.Error()}
					}
					rec.ID = h.ID
					if rec.ID == "" {
						rec.ID = fmt.Sprintf("%s:%d", in, n)
					}
					if !yield(rec, nil) {
						return
					}
				}
				if err != nil {
					break
				}
			}
		}
	}
}
