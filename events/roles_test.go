package events_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	"dyad/actors"
	"dyad/dict"
	"dyad/events"
	"dyad/lexicon"
	"dyad/phrase"
	"dyad/tokenize"
)

type stage struct {
	v *lexicon.Vocab
	r *actors.Resolver
	x *events.Extractor
}

var (
	stageOnce sync.Once
	shared    stage
	stageErr  error
)

func testStage(t *testing.T) stage {
	t.Helper()
	stageOnce.Do(func() {
		d, err := dict.Default()
		if err != nil {
			stageErr = err
			return
		}
		lx, err := lexicon.Default()
		if err != nil {
			stageErr = err
			return
		}
		v := lexicon.NewVocab(lx)
		shared = stage{v: v, r: actors.New(d, v), x: events.New(d, v)}
	})
	if stageErr != nil {
		t.Fatal(stageErr)
	}
	return shared
}

// extract returns the events of one sentence, read on a fixed date.
func extract(t *testing.T, text string) []events.Event {
	t.Helper()
	st := testStage(t)
	toks := (tokenize.Tokenizer{}).Tokenize(nil, text, 0, len(text))
	s := &phrase.Sentence{Toks: toks, Words: st.v.Annotate(nil, toks)}
	var ctx actors.Context
	var state events.State
	ms := st.r.Find(nil, s, time.Date(2025, 3, 9, 0, 0, 0, 0, time.UTC), &ctx)
	evs, _ := st.x.Extract(s, ms, &state)
	return evs
}

// brief writes an event as "CATEGORY actor>recipient" with each side's
// sectors (or codes where there is no sector), and its flags.
func brief(e *events.Event) string {
	side := func(es []actors.Entity) string {
		var p []string
		for _, x := range es {
			if x.Sector != "" {
				p = append(p, x.Sector)
			} else {
				p = append(p, x.Code)
			}
		}
		if len(p) == 0 {
			return "-"
		}
		return strings.Join(p, "+")
	}
	s := string(e.Category) + " " + side(e.Actor) + ">" + side(e.Recipient)
	for _, f := range []struct {
		on   bool
		name string
	}{{e.Passive, "passive"}, {e.Governed, "governed"}, {e.Future, "future"}, {e.Hypothetical, "hypothetical"}, {e.Negated, "negated"}, {e.Background, "background"}, {e.Suppressed, "suppressed"}} {
		if f.on {
			s += " " + f.name
		}
	}
	return s
}

// TestGrammar pins each rule of the clause grammar with sentences of our
// own: what a reader sees as the actor, recipient and standing of each
// event.
func TestGrammar(t *testing.T) {
	for _, tc := range []struct {
		rule, text string
		want       []string // the briefs of the events, in order
	}{
		{"the doer of a participle after an attack's object is its recipient", "Syrian air defences intercepted missiles fired by Israel.",
			[]string{"ASSAULT MIL>ISR"}},
		{"a casualty's participle after its people before an act is a reduced passive, the act's adjective its doer", "A Hamas commander killed in an Israeli strike was buried on Monday.",
			[]string{"ASSAULT ISR>REB passive"}},
		{"an active toll keeps its subject", "Hamas fighters killed three soldiers in a raid.",
			[]string{"ASSAULT REB>MIL", "COERCE ->- governed"}},
		{"an apology's topic after \"for\" is the past", "The president asked forgiveness on Monday for killings carried out by colonial troops.",
			[]string{"CONCEDE GOV>MIL", "ASSAULT MIL>- governed background"}},
		{"a fronted \"after\"+gerund clause is done by the main clause's subject", "After dissolving parliament in March, the Algerian president set a date for early elections.",
			[]string{"COERCE GOV>LEG governed"}},
		{"a plural after a preposition and a singular role noun is a noun, not the subject's verb", "The prime minister resigned amid weeks of student protests over the tax.",
			[]string{"RETREAT GOV>EDU", "PROTEST ->- governed"}},
		{"what an actor is forced to do is done", "The strikers forced the minister to resign on Friday.",
			[]string{"RETREAT GOV>- governed"}},
		{"what a passive subject was forced to do is done", "Two Indian ministers were forced to resign on Friday.",
			[]string{"RETREAT GOV>- governed"}},
		{"what an actor failed to force is not done", "The strikers failed to force the minister to resign.",
			[]string{"RETREAT LAB>- governed negated"}},
		{"what an actor tried to force is not done", "The strikers tried to force the minister to resign.",
			[]string{"RETREAT LAB>- governed hypothetical"}},
		{"\"should\" opening a condition demands nothing and leaves the main clause its own", "Should Washington impose tariffs, Beijing will retaliate.",
			[]string{"REQUEST ->- hypothetical suppressed", "SANCTION GOV>GOV hypothetical", "ASSAULT GOV>- future"}},
		{"no doer of a participle: no recipient", "Syrian air defences intercepted missiles over Homs.",
			[]string{"ASSAULT MIL>-"}},
		{"a participle after \"and\" shares the passive of the verb in -ed before, past the charge between", "An opposition leader was convicted of organizing mass unrest and sentenced to 18 years in prison.",
			[]string{"SANCTION ->OPP passive", "PROTEST OPP>- suppressed", "PROTEST OPP>- governed suppressed", "COERCE ->OPP passive"}},
		{"a gerund after a purpose noun's \"of\" is no act", "The cabinet discussed the possibility of declaring a state of siege.",
			[]string{"CONSULT GOV>-", "COERCE GOV>- governed hypothetical"}},
		{"an infinitive after \"the power to\" is no act", "The president has the power to declare a state of emergency.",
			[]string{"COERCE GOV>- governed hypothetical"}},
		{"what follows a word quoted after \"use\" explains it", "The authorities use \"neutralize\" to imply that the militants surrendered or were killed.",
			[]string{"ASSAULT GOV>- suppressed", "RETREAT REB>- suppressed", "ASSAULT ->REB passive suppressed"}},
		{"\"alleged\" before its noun claims nothing; a participle after a preposition before its noun is background", "Twenty alleged militants linked with banned outfits were apprehended by police.",
			[]string{"ACCUSE ->REB suppressed", "COERCE REB>- governed background", "COERCE COP>REB passive"}},
		{"what one is held on charges of is no act", "Prosecutors ordered an activist held on charges of inciting and taking part in illegal protests.",
			[]string{"COERCE JUD>CVL", "ACCUSE ->- governed", "PROTEST JUD>- suppressed"}},
		{"what a story in the media was about is background", "India's information ministry banned a news channel over its reporting of the 2020 Delhi riots.",
			[]string{"COERCE GOV>JRN", "PROTEST GOV>- background"}},
		{"what a conviction is \"of\" is the charge, no event", "A court in Minsk convicted two students of organising mass riots.",
			[]string{"SANCTION JUD>EDU", "PROTEST JUD>- suppressed", "PROTEST JUD>- suppressed"}},
		{"an adjective before a light verb's noun is no subject of it", "Niger announced the immediate closure of its border with Benin on Monday.",
			[]string{"COERCE NER>BEN governed"}},
		{"a receiving verb's own slot is the actor in the passive with no agent", "Forty Armenian servicemen were returned from Azerbaijani captivity on Tuesday.",
			[]string{"RETREAT AZE>MIL passive"}},
		{"a receiving verb's own slot is the actor, its subject the recipient", "Twenty Saudi soldiers returned from Houthi captivity on Sunday.",
			[]string{"RETREAT REB>MIL"}},
		{"an order between \"be\" and a participle keeps the passive", "Four opposition lawmakers were ordered detained pending trial.",
			[]string{"COERCE ->LEG passive"}},
		{"a passive's agent with a possessive is the body it names", "The oil fields were expropriated by President Torrez's government in May.",
			[]string{"COERCE GOV>- passive"}},
		{"a passive gerund after a preposition of time is done to the main subject", "Three farmers were shot after being detained by soldiers.",
			[]string{"ASSAULT ->AGR passive", "COERCE MIL>AGR passive governed"}},
		{"a raid by armed men of no state is an attack", "Gangs raided three police stations in Croix-des-Bouquets.",
			[]string{"ASSAULT CRM>COP"}},
		{"a participle of force after a comma takes its agent", "Four soldiers died near Puncak, ambushed by separatist rebels on patrol.",
			[]string{"ASSAULT REB>MIL passive"}},
		{"a claim of responsibility for an act named with a modifier is the act", "The rebel group, which claimed responsibility for the April attack on the mine, said nothing more.",
			[]string{"ASSAULT REB>- governed"}},
		{"a closing off by unarmed people is a blockade", "Striking truckers sealed off the port of Arica on Monday.",
			[]string{"ASSAULT ->LAB suppressed", "PROTEST LAB>-"}},
		{"an occupation by unarmed people in the passive is a blockade", "The town hall was occupied by farmers on Monday.",
			[]string{"PROTEST AGR>- passive"}},
		{"men of a force captured are abducted, not arrested", "Twelve policemen were captured by miners near Oruro.",
			[]string{"ASSAULT LAB>COP passive"}},
		{"an adjective before the quantity of a passive's agent", "The convoy was ambushed by an unknown number of gunmen.",
			[]string{"ASSAULT UAF>- passive"}},
		{"an adjective after the quantity of a passive's agent", "The outpost was attacked by a band of communist rebels.",
			[]string{"ASSAULT REB>MIL passive"}},
		{"a verb's form between a possessive and \"be\" is a noun", "The teachers vowed to stay out until their demands are met.",
			[]string{"CONSULT ->- passive suppressed"}},
		{"\"leading\" after a number and before people is an adjective", "Police detained two leading student activists in Phnom Penh.",
			[]string{"COERCE COP>EDU"}},
		{"a passive's agents: a title and its holder's name, then a counterpart", "The accord was signed by Kenyan Trade Minister Amos Wekesa and his Ugandan counterpart Okello Mbabazi on Friday.",
			[]string{"SUPPORT GOV+GOV>GOV"}},
		{"\"that\" with a subject of its own after \"told X\" is no relative pronoun", "A brother told Reuters that Adeyemi had been detained.",
			[]string{"COERCE ->- passive"}},
		{"a gerund with its object after \"by\" is a means, not an adjective", "Police answered by detaining protesters.",
			[]string{"COERCE COP>CVL governed"}},
		{"\"but\" ends the reach of a negation before it", "The opposition decided not to boycott the vote but called instead for observers.",
			[]string{"PROTEST OPP>- governed negated", "REQUEST OPP>-"}},
		{"a planned protest blocked", "Riot police blocked a planned march on the parliament on Friday.",
			[]string{"COERCE COP>LEG"}},
		{"\"together with\" joins a second subject", "Ghana together with Togo held a joint border patrol on Saturday.",
			[]string{"COOPERATE GHA+TGO>-"}},
		{"a \"with\" phrase inside the clause before a verb with an object names a partner, no absolute subject", "Kenyan police in a joint operation with Ugandan border guards detained five suspected militants on Monday.",
			[]string{"COOPERATE COP>COP", "COERCE COP>REB"}},
		{"a \"with\" phrase opening the sentence is absolute", "With three soldiers wounded, the patrol withdrew.",
			[]string{"ASSAULT ->MIL passive", "RETREAT ->-"}},
		{"\"the head of\" an organisation acts for it", "The head of the Kenyan police asked the interior minister to review the arrests.",
			[]string{"REQUEST COP>GOV", "COERCE ->- governed background suppressed"}},
		{"\"called upon\" takes coordinated recipients like \"called on\"", "The Security Council called upon Armenia and Azerbaijan to resume talks.",
			[]string{"REQUEST GOV>ARM+AZE", "CONSULT GOV>- governed hypothetical suppressed"}},
		{"in the passive of an extradition the state after \"to\" is the recipient, not the person sent", "A militia leader was extradited to Senegal by Mali.",
			[]string{"COOPERATE MLI>SEN passive"}},
		{"a person handed over in the passive, the state after \"by\"", "A fraud suspect was handed over to Bolivian police by the Chilean government.",
			[]string{"COOPERATE GOV>COP"}},
		{"the giver after \"by\" past a name in apposition", "The tents were handed over to the interior minister, Amina Mohammed, by the Japanese ambassador.",
			[]string{"AID GOV>GOV"}},
		{"a generic target of two attackers stays", "Kenya and Ethiopia attacked the rebels near the border.",
			[]string{"ASSAULT KEN+ETH>REB"}},
		{"a role noun made of the trigger's words is no recipient", "Indonesia held a joint patrol in the Timor Sea.",
			[]string{"COOPERATE IDN>-"}},
		{"protesters who burn things riot; an adverbial of time holds no object", "Protesters in Lahore set tyres and a police kiosk on fire after the arrest of a party leader.",
			[]string{"PROTEST CVL>-", "COERCE ->PTY governed background"}},
		{"\"engage in\" is a light verb", "Bandits from Zamfara engaged in revenge attacks on two villages.",
			[]string{"ASSAULT CRM>- governed"}},
		{"a place after \"in the\" and a country's adjective is no subject", "Police in the Kenyan capital Nairobi fired tear gas at traders.",
			[]string{"ASSAULT COP>BUS"}},
		{"a denial of what one is accused of is a rejection", "Eritrea on Thursday denied arming rebels in northern Ethiopia.",
			[]string{"REJECT ERI>REB"}},
		{"the author of a document that speaks is its subject", "A report by a United Nations panel has accused Uganda of supplying weapons to militias.",
			[]string{"ACCUSE GOV>UGA governed", "AID GOV>REB governed suppressed"}},
		{"a participle after a comma and an adverb is the main subject's", "Moscow rejected the charges, again accusing Kyiv of staging the attack.",
			[]string{"REJECT GOV>-", "ACCUSE ->- suppressed", "ACCUSE GOV>GOV"}},
		{"\"it\" names no person; a clause of its own after \", and it\" is not embedded", "Japan said it would sanction Lukashenko and his ministers, and it would also ban imports from Belarus.",
			[]string{"SANCTION JPN>GOV future", "SANCTION JPN>BLR future"}},
		{"the object of a causative verb does the bare verb after it, as a purpose", "Elders negotiated a pause in the fighting to allow besieged gunmen pull out of the market.",
			[]string{"CONSULT SOC>-", "ASSAULT ->UAF governed", "RETREAT UAF>- hypothetical"}},
		{"a relative pronoun is no article of the noun after it", "They reached a deal under which opposition fighters will withdraw during a ceasefire.",
			[]string{"AGREE ->-", "RETREAT REB>- future"}},
		{"a share of people is those people; \"lay siege\" is a light verb", "Half of the militiamen have laid siege to the town.",
			[]string{"COERCE REB>- governed"}},
		{"a participle after \"and\" and a quoted noun shares the passive", "Two soldiers were killed and 32 \"insurgents\" captured in fighting on the border.",
			[]string{"ASSAULT ->MIL passive", "COERCE ->REB passive", "ASSAULT ->- governed"}},
		{"a possessive in a subordinate clause's subject is the main subject's", "Venezuela said that it is fortifying the border with Colombia after three of its soldiers were killed.",
			[]string{"MOBILIZE VEN>COL", "ASSAULT ->MIL passive"}},
		{"\"that\" after a day and right before its verb is a relative pronoun", "Three soldiers were killed in an attack on Sunday that also wounded 10 of their comrades.",
			[]string{"ASSAULT ->MIL passive", "ASSAULT ->- governed", "ASSAULT ->-"}},
		{"people who protested protest", "Hundreds of nurses protested on Monday over unpaid allowances.",
			[]string{"PROTEST MED>-"}},
		{"a state that protested complains", "Japan protested on Tuesday after a Chinese ship entered its waters.",
			[]string{"ACCUSE JPN>-", "AID CHN>- governed"}},
		{"a state that protests in a headline's present complains", "Hanoi protests against Chinese survey ship",
			[]string{"ACCUSE GOV>CHN"}},
		{"\"are to\" right before the verb sets it ahead", "Kyrgyz and Tajik delegations are to hold talks in Batken.",
			[]string{"CONSULT GOV+GOV>- governed future"}},
		{"a nationality word before \"exports\" makes it a noun of figures", "Vietnamese exports to the United States grew by 20 percent.",
			[]string{"COOPERATE VNM>USA suppressed"}},
		{"a state's name after a preposition before \"exports\" makes it a noun", "The duties hit $977 million in US exports to China.",
			[]string{"COOPERATE ->CHN suppressed"}},
		{"a state's name before \"exports\" makes it a verb", "Vietnam exports rice to the United States.",
			[]string{"COOPERATE VNM>USA"}},
		{"talks announced are to come", "Kenya and Uganda announced annual bilateral talks on trade.",
			[]string{"CONSULT KEN+UGA>- governed future"}},
		{"talks after an announcement's verb of reporting are no announcement", "Kenya said bilateral talks on trade had begun.",
			[]string{"CONSULT ->- governed"}},
		{"a headline's two states joined by a comma are both actors", "Egypt, Somalia sign MoUs on trade",
			[]string{"SUPPORT EGY+SOM>-"}},
		{"a sentence's comma after a state is no headline pair", "Egypt, Somalia said, signed MoUs on trade.",
			[]string{"SUPPORT SOM>-"}},
		{"a state named first that protests a thing complains", "Vietnam protests Chinese survey ship",
			[]string{"ACCUSE VNM>CHN"}},
		{"a nationality before \"protests\" names the street's protests", "Thai protests over the vote turn violent",
			[]string{"PROTEST THA>-"}},
		{"people who protest in the present protest", "Nurses protests over unpaid allowances",
			[]string{"PROTEST MED>-"}},
		{"\"protests\" not right after a state is no complaint of the state", "The government stayed silent as protests against the vote spread to Thies.",
			[]string{"PROTEST ->- governed"}},
		{"a gathering's callers protest, and did not do the toll", "Two men were shot dead during protests called by the Catholic church against the government.",
			[]string{"ASSAULT ->- passive", "PROTEST REL>GOV governed"}},
		{"a modal's subject before a place phrase", "The Kenyan foreign minister said that the army and the militias in South Kordofan must sign a truce.",
			[]string{"REQUEST GOV>MIL+REB", "SUPPORT MIL+REB>- hypothetical suppressed"}},
		{"two verbs share a subject and an object; a gap never swallows the second", "Police beat and arrested dozens of students.",
			[]string{"ASSAULT COP>EDU", "COERCE COP>EDU"}},
		{"a pattern that reads its own \"by\" takes the agent after it", "Three truck drivers were beaten by officers.",
			[]string{"ASSAULT MIL>LAB passive"}},
		{"an agreement refused is a rejection", "Israel said it would not agree to a ceasefire until the hostages were freed.",
			[]string{"REJECT ISR>-", "RETREAT ->CVL passive"}},
		{"the one an act is attributed to is its actor", "A cyberattack attributed to Russian military intelligence disrupted the ministries' websites.",
			[]string{"COERCE SPY>-"}},
		{"a gathering held to voice dissent is a protest", "Hundreds of young people gathered in Oujda to denounce the state of public hospitals.",
			[]string{"PROTEST CVL>MED"}},
		{"a withdrawal announced to hang on the other side's act is a threat", "Kenya said it would pull its police officers out of Haiti unless the promised funding arrived.",
			[]string{"THREATEN KEN>HTI future", "AGREE ->- governed hypothetical"}},
		{"\"once again\" opens no clause", "Pakistan has once again rejected an Afghan proposal.",
			[]string{"REJECT PAK>AFG governed"}},
		{"an adjective before an infinitive the pattern reads is no passive", "Armenia is prepared to accept the peace plan put forward by Washington.",
			[]string{"AGREE ARM>-"}},
		{"\"he\" after a verb of saying is the speaker, named by a role", "The Solomon Islands prime minister said he would expel any Australian journalist.",
			[]string{"COERCE GOV>JRN future"}},
		{"\"and\" inside a subordinate clause shares that clause's subject", "Sierra Leone protested to Conakry after Guinean soldiers crossed into the village and arrested three local officials.",
			[]string{"ACCUSE SLE>GOV", "COERCE MIL>GOV"}},
		{"a passive to a state is still a passive", "A village chief was hacked to death in the region on Monday.",
			[]string{"ASSAULT ->- passive"}},
		{"a possessive right after a verb of saying is the speaker's", "Mali's interim president said his country needed Russia's help.",
			[]string{"REQUEST GOV>RUS"}},
		{"cooperation cut off on a condition is a threat", "Turkey said it would stop cooperating on migration if the European Union froze accession talks.",
			[]string{"THREATEN TUR>GOV future", "SANCTION GOV>- hypothetical"}},
		{"a participle set off by commas after its subject is background; the subject is found past it", "French troops, stationed in Chad since 1986, withdrew from the base at Abeche on Sunday.",
			[]string{"RETREAT MIL>-"}},
		{"a force named before its own craft acts through them", "Army drones struck a fuel depot near Kidal on Tuesday.",
			[]string{"ASSAULT MIL>-"}},
		{"\"fell on\" a group is an attack", "Gunmen fell on a group of herders near Bokkos on Wednesday.",
			[]string{"ASSAULT UAF>AGR"}},
		{"\"opposed to\" after the people it describes is no rejection", "Villagers opposed to the new dam blocked the road to the construction site.",
			[]string{"PROTEST CVL>-"}},
		{"what is planned has not happened", "Police arrested 25 opposition activists ahead of a planned rally.",
			[]string{"COERCE COP>OPP", "PROTEST CVL>- hypothetical"}},
		{"a participle adjective inside a preposition's phrase", "Supporters of the jailed former mayor kicked off a week of protests.",
			[]string{"COERCE ->ELI governed", "PROTEST CVL>-"}},
		{"a verb whose subject is no one did not happen", "Nobody was arrested after the clashes.",
			[]string{"COERCE ->- passive negated", "ASSAULT ->- governed background"}},
		{"a trigger inside a role's own phrase is no event", "Organisers of the march accused police of beating students.",
			[]string{"ACCUSE CVL>COP", "ASSAULT ->EDU governed suppressed"}},
		{"a deadline with a penalty is an ultimatum", "The union gave the ministry until Friday to pay the arrears or face a strike.",
			[]string{"THREATEN LAB>GOV"}},
		{"a participle after \"and\" and a bare noun, after a passive, is a passive", "The vote was postponed and activists detained.",
			[]string{"COERCE ->CVL passive"}},
		{"a riot pattern's parties after \"between\" are its actor and recipient", "Clashes between protesters and police erupted.",
			[]string{"PROTEST CVL>COP"}},
		{"the protesters led are no target; their modifier neither", "The bishop led hundreds of opposition marchers into the square.",
			[]string{"PROTEST REL>-"}},
		{"what was foiled did not happen", "The operation thwarted a large terror attack.",
			[]string{"ASSAULT ->- negated"}},
		{"the object of an act is not the subject of its purpose", "Farmers blockaded Paris to demand an end to the reform.",
			[]string{"PROTEST AGR>GOV", "REQUEST AGR>- governed hypothetical suppressed"}},
		{"a verb's noun inside another verb's gap is that verb's object", "Kenya rejected a call for peacekeepers.",
			[]string{"REJECT KEN>MIL"}},
		{"subject of a verb", "Soldiers shelled the rebels' positions near the river.",
			[]string{"ASSAULT MIL>REB"}},
		{"a package of aid is the announcer's, no reported clause", "The defence ministry announced a new package of military aid to Ukraine.",
			[]string{"AID MIL>UKR governed"}},
		{"an amount before \"in\" leaves the aid the light verb's", "The ministry granted an additional 5 billion euros in budget support to Ukraine.",
			[]string{"AID GOV>UKR governed"}},
		{"the one acted on behalf of is the actor", "The envoy handed over ten ambulances to the health ministry on behalf of the Japanese government.",
			[]string{"AID GOV>GOV"}},
		{"a gerund after \"by\" is the main subject's", "Chad answered Sudan by expelling two Sudanese diplomats.",
			[]string{"SANCTION TCD>GOV governed"}},
		{"a request after a comma is addressed to whom the letter went", "The rebels sent a letter to the Kenyan president, asking for talks.",
			[]string{"REQUEST REB>GOV"}},
		{"a threat is made to its condition's subject", "Moscow warned of retaliation if Finland joined the alliance.",
			[]string{"THREATEN GOV>FIN"}},
		{"a conditional aid cut is a threat, not a hypothesis", "Washington would halt military aid to Kampala if the law was enforced.",
			[]string{"THREATEN GOV>GOV future"}},
		{"the released as a passive's subject", "Two Canadian journalists were released by the rebels.",
			[]string{"RETREAT REB>JRN passive"}},
		{"a participle of protest before the people makes them protesters", "Police arrested ten protesting farmers.",
			[]string{"COERCE COP>AGR", "PROTEST AGR>-"}},
		{"a determiner before a participle of protest leaves the people the subject", "The protesting students clashed with the police.",
			[]string{"PROTEST EDU>-", "ASSAULT EDU>COP"}},
		{"a particle after a light verb", "Students carried out demonstrations in the capital.",
			[]string{"PROTEST EDU>- governed"}},
		{"a verb of saying in the past opens a clause with its own subject", "Police confirmed that bandits raided the village on Monday.",
			[]string{"ASSAULT CRM>-"}},
		{"what a verb of reporting reports happened", "Rights groups reported the detention of dozens of students.",
			[]string{"COERCE ->EDU"}},
		{"one person leaving a country retreats from nothing", "Opposition leader Tundu Lissu left Tanzania for medical treatment.",
			[]string{"RETREAT OPP>TZA suppressed"}},
		{"troops leaving a country withdraw", "The last French soldiers left Chad on Friday.",
			[]string{"RETREAT MIL>TCD"}},
		{"a pair exchanging views consults", "The Kenyan and Tanzanian presidents exchanged views on the border talks.",
			[]string{"CONSULT GOV+GOV>-", "CONSULT ->- governed"}},
		{"\"who\" after an envoy to a country is the envoy", "The Ethiopian ambassador to Kenya, who was summoned on Friday, accused Nairobi of sheltering rebels.",
			[]string{"ACCUSE GOV>GOV"}},
		{"a decision told of is done to the one told", "Panama notified Venezuela of its decision to suspend consular relations.",
			[]string{"SANCTION PAN>VEN governed"}},
		{"declining to comment refuses nothing", "The envoy declined to comment on the sanctions.",
			[]string{"REJECT GOV>- suppressed", "SANCTION ->- governed"}},
		{"a call with someone is a telephone consultation by the subject", "The minister said in a call with his Brazilian counterpart that talks would resume.",
			[]string{"CONSULT GOV>GOV governed", "CONSULT ->- governed"}},
		{"protesters gathering protest", "Thousands of demonstrators assembled in the capital.",
			[]string{"PROTEST CVL>-"}},
		{"officials gathering do not", "Foreign ministers gathered in Doha on Monday.",
			[]string{"PROTEST GOV>- suppressed"}},
		{"a light verb after \"and\" is a second act, no content of a defiance", "Monks defied warnings and mounted another day of protests.",
			[]string{"REJECT REL>-", "PROTEST REL>- governed"}},
		{"people after a quantity's \"of\" are an object", "Police hit hundreds of protesters with water cannons.",
			[]string{"ASSAULT COP>- governed"}},
		{"a plural after a preposition and an adjective is a noun", "The junta announced crackdowns on public protests.",
			[]string{"COERCE GOV>- governed", "PROTEST ->- governed"}},
		{"a gerund with its doer after \"by\" is a noun, the toll's cause", "Sixteen civilians were killed on Wednesday after shelling by the rebels.",
			[]string{"ASSAULT REB>CVL passive", "ASSAULT REB>- governed"}},
		{"a state left behind is a passive with no doer", "The strikes hit the shelter, leaving some people burned to death.",
			[]string{"ASSAULT ->- passive"}},
		{"a bare \"released\" is a release of people in the passive", "Two Canadian journalists were released on Monday.",
			[]string{"RETREAT ->JRN passive"}},
		{"a bare \"released\" in the active is no release", "The ministry released a statement on Monday.",
			[]string{"RETREAT GOV>- suppressed"}},
		{"a second infinitive after \"and\" is the agreement's content", "Rwanda and Burundi agreed on Thursday to restore ties and reopen embassies.",
			[]string{"AGREE RWA+BDI>-", "SUPPORT RWA+BDI>- suppressed"}},
		{"a protest is its sponsor's, past a quantity's number", "The general strike has been sponsored by an alliance of nine opposition parties.",
			[]string{"PROTEST OPP>-"}},
		{"pressing on with a strike", "The union pressed on with an indefinite strike.",
			[]string{"PROTEST LAB>- governed"}},
		{"one country's forces clashing with protesters keep them as the other side", "Soldiers and police clashed with protesters on Tuesday.",
			[]string{"ASSAULT MIL+COP>CVL"}},
		{"a plural after an infinitive is its object", "Police fired rubber bullets to keep pickets off the roads.",
			[]string{"ASSAULT COP>-", "PROTEST ->- governed"}},
		{"a trigger after \"'s\" is a noun a cancelling verb negates", "The government was shelving the country's bid to join the European Union.",
			[]string{"REQUEST ->GOV governed negated"}},
		{"a force's departure is its withdrawal", "The Wagner group announced its departure from Mali.",
			[]string{"RETREAT PRM>MLI governed"}},
		{"restraint asked from a list is asked of each", "The envoy called for restraint from both Ethiopia and Eritrea.",
			[]string{"REQUEST GOV>ETH+ERI"}},
		{"forces deployed are the ones mobilised", "Riot police were deployed around parliament on Friday.",
			[]string{"MOBILIZE COP>- passive"}},
		{"recognising a named state supports it", "Portugal recognised the State of Palestine on Sunday.",
			[]string{"SUPPORT PRT>PSE"}},
		{"a threat told as what will happen is the speaker's", "The president said any incursion would be met with rockets.",
			[]string{"ASSAULT ->- governed", "THREATEN GOV>-"}},
		{"an -ed word after a preposition and before a demonym is an adjective", "The charity handed out blankets to displaced Syrians in Idlib.",
			[]string{"AID SOC>REF"}},
		{"a people's name after a verb in -ed is its object", "Militias displaced Syrians from three villages.",
			[]string{"SANCTION REB>CVL"}},
		{"striking workers are on strike, not struck", "Striking doctors marched to the ministry.",
			[]string{"ASSAULT ->MED suppressed", "PROTEST MED>GOV"}},
		{"a participle after a text issued is the issuer's act", "Parliament passed a motion condemning Uganda over the detention.",
			[]string{"ACCUSE LEG>UGA"}},
		{"barring a group from protesting restricts it, and no protest happens", "The court banned the garment workers' federation from holding a rally.",
			[]string{"COERCE JUD>LAB", "PROTEST LAB>- governed suppressed"}},
		{"a possessive's apostrophe leads to the noun it qualifies", "A court barred the teachers' union from staging a strike.",
			[]string{"COERCE JUD>LAB"}},
		{"the goods' \"from\" names the giver", "A consignment of 40 ambulances from Japan was handed over to the health ministry.",
			[]string{"AID JPN>GOV"}},
		{"the state extradited from is the actor", "The suspect was extradited from Belgium to Liberia on Tuesday.",
			[]string{"COOPERATE BEL>LBR passive"}},
		{"a day between a promise and its \"to\"", "Germany promised on Thursday to send troops.",
			[]string{"AGREE DEU>MIL"}},
		{"the one asked in a passive is its subject, the asker after \"by\"", "Ankara was asked by Baghdad to withdraw its troops.",
			[]string{"REQUEST GOV>GOV", "RETREAT GOV>MIL governed hypothetical suppressed"}},
		{"a concession one party agrees to make is a concession", "The Ethiopian government agreed to lift the curfew in the city.",
			[]string{"CONCEDE GOV>-", "CONCEDE GOV>- governed suppressed"}},
		{"a telephone call is no calling", "The minister told his Ghanaian counterpart during a telephone call that the talks had failed.",
			[]string{"CONSULT GOV>GOV", "CONSULT ->- governed"}},
		{"passive with a by-agent", "The convoy was ambushed by rebels near the pass.",
			[]string{"ASSAULT REB>- passive"}},
		{"passive without an agent", "Two journalists were detained at the airport.",
			[]string{"COERCE ->JRN passive"}},
		{"noun trigger with an adjective actor", "A Nigerian airstrike hit the camp on Sunday.",
			[]string{"ASSAULT NGA>-"}},
		{"noun trigger between two parties", "Clashes between soldiers and rebels continued overnight.",
			[]string{"ASSAULT MIL+REB>-"}},
		{"participle after a role noun: a protest is theirs", "Police fired tear gas at farmers protesting against the new tax.",
			[]string{"ASSAULT COP>AGR", "PROTEST AGR>-"}},
		{"a noun after a preposition is governed", "The minister resigned after the riots.",
			[]string{"RETREAT GOV>-", "PROTEST ->- governed background"}},
		{"an infinitive is governed", "Police were deployed to contain the riots.",
			[]string{"MOBILIZE COP>-", "PROTEST ->- governed"}},
		{"a perfect with no actor is a toll", "The war has killed thousands of people.",
			[]string{"ASSAULT ->- governed"}},
		{"an attributive participle is governed", "A jailed activist began a hunger strike.",
			[]string{"COERCE ->CVL governed", "PROTEST CVL>-"}},
		{"a reported clause has its own subject", "Police said a bomb killed nine soldiers near the border.",
			[]string{"ASSAULT ->MIL governed", "ASSAULT ->MIL"}},
		{"a noun naming the country back is no subject of its own", "The army said the country would deploy more troops to the border.",
			[]string{"MOBILIZE MIL>- future"}},
		{"a noun referred to by a passive is governed", "The bombing was condemned by the government.",
			[]string{"ASSAULT ->- governed", "ACCUSE GOV>- passive"}},
		{"an attack claimed by someone is theirs", "Two blasts claimed by al-Shabaab killed nine soldiers in the town.",
			[]string{"ASSAULT REB>MIL"}},
		{"coordinated verbs share their subject; \"them\" is the people named before", "Police fired tear gas at students and arrested several of them.",
			[]string{"ASSAULT COP>EDU", "COERCE COP>EDU"}},
		{"a participle coordinated with a passive is passive", "A soldier was killed and two civilians wounded in the attack.",
			[]string{"ASSAULT ->MIL passive", "ASSAULT ->CVL passive", "ASSAULT ->- governed"}},
		{"the content of a threat is no event of its own", "Rebels warned that they would seize the airport.",
			[]string{"THREATEN REB>-", "COERCE ->- hypothetical suppressed"}},
		{"a list past an apposition", "Ghana, the current chair of the bloc, and Senegal condemned the attack.",
			[]string{"ACCUSE GHA+SEN>-", "ASSAULT ->- governed background"}},
		{"supporters named with 'with support from'", "Kenya, with support from Uganda, deployed troops to the border.",
			[]string{"SUPPORT UGA>KEN", "MOBILIZE KEN>MIL"}},
		{"a reduced relative with its agent", "Troops deployed by Rwanda shelled the town.",
			[]string{"MOBILIZE RWA>MIL passive", "ASSAULT MIL>-"}},
		{"a pronoun after a verb of saying is its subject", "Ugandan troops said they killed 18 rebels.",
			[]string{"ASSAULT MIL>REB"}},
		{"so is 'it'", "The army said it had shelled rebel positions.",
			[]string{"ASSAULT MIL>-"}},
		{"the purpose of an act is no act of its own", "Soldiers stormed the village to abduct the chief.",
			[]string{"ASSAULT MIL>-", "ASSAULT MIL>- governed suppressed"}},
		{"the agent of a passive in the phrase of its cause", "Five soldiers were killed in an ambush staged by rebels.",
			[]string{"ASSAULT REB>MIL passive", "ASSAULT REB>- governed"}},
		{"barring people from marching restricts them (the march, inside the ban, is none)", "Police barred the students from marching to parliament.",
			[]string{"COERCE COP>EDU"}},
		{"what is hoped for has not happened", "Manila hopes Beijing will lift the ban on bananas.",
			[]string{"CONCEDE GOV>- future hypothetical"}},
		{"a meeting called off will not take place", "Kenya has postponed a meeting with Ethiopian officials.",
			[]string{"CONSULT KEN>GOV negated"}},
		{"what an allegation says is its content", "The opposition alleged that soldiers had beaten its supporters.",
			[]string{"ACCUSE OPP>MIL", "ASSAULT MIL>CVL governed suppressed"}},
		{"what a protest demands is the protest's", "Hundreds of women staged a sit-in outside the court, demanding the release of their sons.",
			[]string{"PROTEST CVL>-", "REQUEST CVL>- suppressed"}},
		{"negation", "Troops did not fire on the crowd.",
			[]string{"ASSAULT MIL>CVL negated"}},
		{"after 'and', a noun phrase with its own determiner before a verb starts a clause", "Senators opened an inquiry into the minister and a court ordered his arrest.",
			[]string{"ACCUSE LEG>GOV", "COERCE JUD>-"}},
		{"a perfect passive with an entailed actor is an act, not a toll", "Forty students have been arrested.",
			[]string{"COERCE ->EDU passive"}},
		{"a progressive is no passive of goods", "Washington suspended the aid it had been giving Niger.",
			[]string{"SANCTION GOV>NER"}},
		{"'close to' is an adjective", "The camp lies close to the border with Chad.",
			nil},
		{"an acronym in brackets does not end a list after 'between'", "China was concerned about the exchange of fire between the Republic of Korea (ROK) and Japan, and urged calm.",
			[]string{"ASSAULT KOR+JPN>- governed", "REQUEST CHN>-"}},
		{"a possessive before a thing is no object", "Russian jets released their payload over the depot.",
			[]string{"ASSAULT RUS>-"}},
		{"force named by a list of means is the subject's", "Police used batons, tear gas and water cannon against students.",
			[]string{"ASSAULT COP>-", "ASSAULT COP>EDU", "ASSAULT COP>EDU governed"}},
		{"a subordinator before coordinated subjects opens a clause", "The deal collapsed after opposition leaders and church groups rejected the proposal.",
			[]string{"REJECT OPP+REL>-"}},
		{"a participle with its agent after a noun that names no actor", "Police rescued nine persons abducted by gunmen.",
			[]string{"AID COP>-", "ASSAULT UAF>- passive"}},
		{"a noun pattern does not reach over a verb", "Thousands of teachers joined the strike.",
			[]string{"PROTEST EDU>-"}},
		{"an intransitive protest verb with a day", "Nurses demonstrated Tuesday outside the ministry.",
			[]string{"PROTEST MED>-"}},
		{"the dead of a clash named by a noun are one of its sides", "Two rebels were killed in a gunfight with police.",
			[]string{"ASSAULT ->REB passive suppressed", "ASSAULT REB>COP"}},
		{"who dies in a clash is one of its sides", "A commander died in a firefight with soldiers.",
			[]string{"ASSAULT MIL>MIL"}},
		{"'had' a clash", "Troops had a shootout with gunmen.",
			[]string{"ASSAULT MIL>UAF"}},
		{"a participle after an announcement is the announcer's act", "Canada announced a package, pledging aid to Haiti.",
			[]string{"AGREE CAN>HTI"}},
		{"a day between the auxiliary and the participle leaves a passive", "Three rebels were on Monday killed by soldiers.",
			[]string{"ASSAULT MIL>REB passive"}},
		{"a participle between a number and its people is an adjective", "Two suspected militants were killed in a gunfight with police.",
			[]string{"ASSAULT ->REB passive suppressed", "ASSAULT REB>COP"}},
		{"'alleged' before the people it describes accuses nobody", "Two alleged smugglers were shot dead by border guards.",
			[]string{"ASSAULT COP>CRM passive"}},
		{"who died in a police raid were its recipients, and the raid no act of theirs", "Four gang members died in a police raid.",
			[]string{"ASSAULT ->CRM"}},
		{"a gap does not reach over a passive's agent", "Three rebels were killed by soldiers.",
			[]string{"ASSAULT MIL>REB passive"}},
		{"a name after a participle phrase is no subject", "Protesters calling for the resignation of President Ali Bongo hurled stones at police.",
			[]string{"REQUEST CVL>ELI", "PROTEST CVL>COP"}},
		{"a possessive pronoun before the other party", "The minister met with her Peruvian counterpart.",
			[]string{"CONSULT GOV>GOV"}},
		{"a title before a name does not break a list", "Kenyan President William Ruto and Ugandan President Yoweri Museveni agreed to reopen the crossing.",
			[]string{"AGREE GOV+GOV>-", "RETREAT GOV+GOV>- governed suppressed"}},
		{"a meeting to discuss is one consultation", "The minister met his Peruvian counterpart to discuss trade.",
			[]string{"CONSULT GOV>GOV", "CONSULT GOV>- governed hypothetical suppressed"}},
		{"an act against a gathering 'by' people is against them", "Police dispersed a sit-in by nurses with tear gas.",
			[]string{"ASSAULT COP>MED"}},
		{"a preposition before an unknown adjective keeps its mention in a phrase", "After a date, police dispersed a rally by unpaid teachers with tear gas.",
			[]string{"COERCE COP>EDU", "ASSAULT COP>- governed"}},
		{"a bare verb after 'and' shares the modal before it", "Washington could send arms to Taiwan and impose sanctions on Beijing.",
			[]string{"AID GOV>TWN hypothetical", "SANCTION GOV>GOV hypothetical"}},
		{"'should' before its subject is a condition", "Iran will respond should the EU impose sanctions.",
			[]string{"REQUEST ->- future hypothetical suppressed", "SANCTION GOV>- governed future hypothetical"}},
		{"'targeting' in a sentence about sanctions is what they hit", "The EU expanded sanctions on Belarus, targeting Belarusian state companies.",
			[]string{"SANCTION GOV>BLR", "SANCTION GOV>BUS"}},
		{"a list after a comma that a verb of saying follows is the report's speakers", "Soldiers killed ten civilians, villagers and media reports said.",
			[]string{"ASSAULT MIL>CVL"}},
		{"a participle right after 'and' shares the passive's subject", "The activist was charged with sedition and remanded in custody.",
			[]string{"ACCUSE ->CVL passive", "COERCE ->CVL passive"}},
		{"'not accept' refuses", "We will not accept foreign troops.",
			[]string{"REJECT ->MIL future"}},
		{"a title written with a capital is the same word", "Hungary summoned the Ukrainian Ambassador after the incident.",
			[]string{"ACCUSE HUN>GOV"}},
		{"a platform after 'on' is a medium, not a recipient", "The minister warned on Facebook that sanctions would follow.",
			[]string{"THREATEN GOV>-", "SANCTION ->- governed suppressed"}},
		{"a clause after 'after' is no object", "Police fired tear gas after students from the capital blocked the road to the palace of President Kofi Mensah.",
			[]string{"ASSAULT COP>-", "PROTEST EDU>GOV"}},
	} {
		t.Run(tc.rule, func(t *testing.T) {
			evs := extract(t, tc.text)
			var got []string
			for i := range evs {
				got = append(got, brief(&evs[i]))
			}
			if strings.Join(got, "; ") != strings.Join(tc.want, "; ") {
				t.Errorf("%s\n got  %q\n want %q", tc.text, got, tc.want)
			}
		})
	}
}

// "..., said the prosecutor": after a comma, the speaker follows the verb
// of saying, whoever the clause before it names.
func TestSpeakerAfterInvertedSaid(t *testing.T) {
	evs := extract(t, "The attackers opened fire with rifles, said the state prosecutor.")
	if len(evs) == 0 {
		t.Fatal("no event")
	}
	if got := evs[0].Speaker; len(got) != 1 || got[0].Sector != "JUD" {
		t.Errorf("speaker %+v, want the prosecutor (JUD)", got)
	}
}
