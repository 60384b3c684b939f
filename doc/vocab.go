package doc

// The typed vocabulary of the layers, in the manner of go/token: each
// closed set of values one stage writes and another reads is a named type
// with its constants here, so that no stage matches on a string literal
// another stage wrote. The values are the report's strings.

// EntityType is the type of a named-entity mention.
type EntityType string

// Entity types.
const (
	EntityPerson   EntityType = "PERSON"
	EntityOrg      EntityType = "ORG"
	EntityLoc      EntityType = "LOC"
	EntityNORP     EntityType = "NORP" // nationalities, religious and political groups
	EntityMedia    EntityType = "MEDIA"
	EntityMisc     EntityType = "MISC"
	EntityDate     EntityType = "DATE"
	EntityTime     EntityType = "TIME"
	EntityMoney    EntityType = "MONEY"
	EntityPercent  EntityType = "PERCENT"
	EntityNumber   EntityType = "NUMBER"
	EntityOrdinal  EntityType = "ORDINAL"
	EntityDuration EntityType = "DURATION"
	EntitySet      EntityType = "SET"
)

// EntityTypes lists the entity types in report order.
var EntityTypes = []EntityType{EntityPerson, EntityOrg, EntityLoc, EntityNORP, EntityMedia, EntityMisc, EntityDate, EntityTime, EntityMoney, EntityPercent, EntityNumber, EntityOrdinal, EntityDuration, EntitySet}

// SourceType says what kind of source a statement is credited to.
type SourceType string

// Source types.
const (
	SourceNamedPerson  SourceType = "named-person"
	SourceOfficialBody SourceType = "official-body"
	SourceMediaOutlet  SourceType = "media-outlet"
	SourceDocument     SourceType = "document"
	SourceSocialMedia  SourceType = "social-media"
	SourceAnonymous    SourceType = "anonymous"
	SourceVague        SourceType = "vague"
	SourceNone         SourceType = "none" // the writer's unattributed hearsay
)

// SourceTypes lists the source types in report order.
var SourceTypes = []SourceType{SourceNamedPerson, SourceOfficialBody, SourceMediaOutlet, SourceDocument, SourceSocialMedia, SourceAnonymous, SourceVague, SourceNone}

// Resolution says how a source's name was found.
type Resolution string

// Resolutions.
const (
	ResolvedName         Resolution = "name"
	ResolvedPronoun      Resolution = "pronoun"
	ResolvedRole         Resolution = "role"
	ResolvedContinuation Resolution = "continuation"
	ResolvedGeneric      Resolution = "generic"
)

// OutletBasis says how an outlet name was settled to one domain.
type OutletBasis string

// Outlet bases.
const (
	BasisName             OutletBasis = "name"
	BasisSiteCountry      OutletBasis = "site-country"
	BasisMentionedCountry OutletBasis = "mentioned-country"
	BasisProminence       OutletBasis = "prominence"
)

// OutletBases lists the outlet bases.
var OutletBases = []OutletBasis{BasisName, BasisSiteCountry, BasisMentionedCountry, BasisProminence}

// QuoteKind is the kind of a quotation.
type QuoteKind string

// Quote kinds.
const (
	QuoteDirect  QuoteKind = "direct"
	QuoteBlock   QuoteKind = "block"
	QuotePartial QuoteKind = "partial"
	QuoteScare   QuoteKind = "scare"
)

// SignalID names a signal.
type SignalID string

// Signal ids, in report order.
const (
	SignalSourcing          SignalID = "sourcing"
	SignalSpeculation       SignalID = "speculation"
	SignalAttributedHedging SignalID = "attributed-hedging"
	SignalWriterPresence    SignalID = "writer-presence"
	SignalAsides            SignalID = "asides"
	SignalSensational       SignalID = "sensational"
	SignalScareQuotes       SignalID = "scare-quotes"
	SignalHeadlineBody      SignalID = "headline-body"
	SignalHeadlineAgreement SignalID = "headline-agreement"
	SignalRepeatedWords     SignalID = "repeated-words"
	SignalStrayMarkup       SignalID = "stray-markup"
	SignalNameVariants      SignalID = "name-variants"
	SignalReadability       SignalID = "readability"
	SignalSpecificity       SignalID = "specificity"
	SignalQuoteDensity      SignalID = "quote-density"
	SignalClickbait         SignalID = "clickbait"
	SignalSatireHeadline    SignalID = "satire-headline"
)

// SignalIDs lists every signal in report order.
var SignalIDs = []SignalID{SignalSourcing, SignalSpeculation, SignalAttributedHedging, SignalWriterPresence, SignalAsides, SignalSensational, SignalScareQuotes,
	SignalHeadlineBody, SignalHeadlineAgreement, SignalRepeatedWords, SignalStrayMarkup, SignalNameVariants, SignalReadability, SignalSpecificity, SignalQuoteDensity,
	SignalClickbait, SignalSatireHeadline}

// Unit is what a signal's value is measured in.
type Unit string

// Units.
const (
	UnitShare       Unit = "share"          // 0..1
	UnitPer1000     Unit = "per-1000-words" // a rate per 1,000 words
	UnitProbability Unit = "probability"    // a model's probability
	UnitCount       Unit = "count"
	UnitGrade       Unit = "grade"    // a school grade (readability)
	UnitLogOdds     Unit = "log-odds" // a model's log-odds (the verdict's wording)
	UnitRating      Unit = "rating"   // a rating level on -1 (unreliable) .. +1 (reliable)
)

// ClaimMode is how the article presents a claim.
type ClaimMode string

// Claim modes.
const (
	ClaimAsserted   ClaimMode = "asserted"   // by the writer
	ClaimHedged     ClaimMode = "hedged"     // by the writer, with a hedge
	ClaimAttributed ClaimMode = "attributed" // to a source
)

// PartKind is the kind of a claim's checkable part.
type PartKind string

// Claim part kinds.
const (
	PartNumber       PartKind = "number"
	PartDate         PartKind = "date"
	PartPerson       PartKind = "person"
	PartOrganisation PartKind = "organisation"
	PartPlace        PartKind = "place"
	PartOutlet       PartKind = "outlet"
)

// RemovalReason says why cleaning removed a piece of the input.
type RemovalReason string

// Removal reasons.
const (
	RemovedShortcode     RemovalReason = "shortcode"
	RemovedPhotoCredit   RemovalReason = "photo-credit"
	RemovedCaption       RemovalReason = "caption"
	RemovedSocialEmbed   RemovalReason = "social-embed"
	RemovedCallToAction  RemovalReason = "call-to-action"
	RemovedRelatedLinks  RemovalReason = "related-links"
	RemovedByline        RemovalReason = "byline"
	RemovedDateline      RemovalReason = "dateline"
	RemovedAdvertisement RemovalReason = "advertisement"
	RemovedBoilerplate   RemovalReason = "boilerplate"
	RemovedHeadline      RemovalReason = "headline" // a heading that repeats the title
)

// RemovalReasons lists the removal reasons in report order.
var RemovalReasons = []RemovalReason{RemovedShortcode, RemovedPhotoCredit, RemovedCaption, RemovedSocialEmbed, RemovedCallToAction, RemovedRelatedLinks,
	RemovedByline, RemovedDateline, RemovedAdvertisement, RemovedBoilerplate, RemovedHeadline}

// Level is a news domain's reputation level.
type Level string

// Rating levels.
const (
	LevelReliable   Level = "reliable"
	LevelMixed      Level = "mixed"
	LevelUnreliable Level = "unreliable"
	LevelSatire     Level = "satire"
	LevelUnrated    Level = "unrated"
)

// Band is a credibility score's band.
type Band string

// The bands, from the top: high is 70 and above, mixed 50-69, low 30-49,
// very low below 30.
const (
	BandHigh    Band = "high"
	BandMixed   Band = "mixed"
	BandLow     Band = "low"
	BandVeryLow Band = "very low"
)

// BandOf returns the band of a score.
func BandOf(score float64) Band {
	switch {
	case score >= 70:
		return BandHigh
	case score >= 50:
		return BandMixed
	case score >= 30:
		return BandLow
	}
	return BandVeryLow
}

// VerdictBasis is one kind of evidence a credibility score rests on.
type VerdictBasis string

// The bases of a verdict.
const (
	BasisText         VerdictBasis = "text"          // the article's own words and the earlier layers
	BasisSiteRating   VerdictBasis = "site-rating"   // the rating of the article's own site
	BasisCitedOutlets VerdictBasis = "cited-outlets" // the ratings of the outlets it relies on
)

// The labels of a verdict: LabelReliable, LabelFake and LabelSatire are
// one distribution (they sum to 1); LabelClickbait and LabelOpinion are
// independent probabilities.
const (
	LabelReliable  = "reliable"
	LabelFake      = "fake"
	LabelSatire    = "satire"
	LabelClickbait = "clickbait"
	LabelOpinion   = "opinion"
)
