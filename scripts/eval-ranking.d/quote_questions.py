#!/usr/bin/env python3
"""Quote questions at scale, generated and judged from PolNeAR's attribution gold.

  quote_questions.py make GOLD_DIR OUT.tsv
      writes the questions: `question<TAB>person<TAB>topic<TAB>n_relevant`
  quote_questions.py judge GOLD_DIR QUESTIONS.tsv RESPONSES.jsonl
      scores `newsdex search --batch --json -n 5` answers (one JSON line per question, the
      archive being GOLD_DIR/text indexed as it is): prints P@5 and nDCG@5 means.

Who speaks: a gold attribution's Source when it holds a person's name (a run of capitalised
words, titles such as "Sen." and middle initials dropped: "Senate minority leader Harry Reid";
the person is its last word, the surname, and somewhere in the gold that surname follows a
first name, as in "Donald Trump", with no organisation word such as "Times" or "Committee" in
or right after it); any other Source ("he", "the campaign") takes the last named
person before it in the same article, and none when there is no such person. What about: a topic word is in the Content (same stem: the
word, or the word with a common English suffix). The first annotator's file of each article
is used, as ../shared/eval/score_quotes.py does.

Questions: every (person, topic) with at least MIN_RELEVANT gold attributions of that person
whose Content holds the topic word, for people with at least MIN_PERSON attributions; topic
words are lower-case words of 4+ letters that are no function word, name the topic of at least
two article titles (metadata.tsv: "immigration", "debate", not "better"), and are held in the
Contents of at most MAX_SHARE of all attributions (so "said", "people" are no topics). Asked as
"<Surname> quotes about <topic>" and "what did <Surname> say about <topic>" in turn.

A hit is relevant when it is a quote whose text, found in the article, overlaps the Content
of a gold attribution of that question (person and topic). nDCG@5: binary gain, the ideal
being min(5, relevant attributions in the gold).
"""
import json
import math
import os
import re
import sys
from collections import Counter, defaultdict

MIN_PERSON = 20
MIN_RELEVANT = 5
MAX_SHARE = 0.02
PER_PERSON = 8
STOP = set("""
about above after again against also among another anyone anything around because been before
being below between both came cannot come could does doing done down during each either else
enough even ever every from further going gone have having here herself himself into itself just
know like made make many might more most much must myself need never next none only other others
ought over own part rather really said same says seem should since some something still such take
than that their theirs them themselves then there these they thing things think this those though
through thus time together told toward under until upon very want wants well were what whatever
when where whether which while whom whose will with within without would year years your yours
going gonna people percent didn doesn back last good look needed away turn give long helped better
thinks talk stop work name keep left right show great story stories news report reports information
""".split())
TITLES = {"mr", "mrs", "ms", "dr", "sen", "senator", "gov", "governor", "rep", "president",
          "secretary", "former", "candidate", "gop", "democratic", "republican", "presidential",
          "hopeful", "rival", "front-runner", "frontrunner", "businessman", "billionaire", "mogul",
          "vice", "speaker", "chairman", "chief", "the", "new", "york", "texas", "florida", "ohio"}
ORGANISATION_WORDS = {"times", "post", "news", "journal", "press", "poll", "polls", "department",
                      "committee", "foundation", "court", "house", "party", "campaign", "network",
                      "association", "institute", "university", "center", "council", "agency",
                      "office", "bureau", "group", "commission", "service", "street", "media",
                      "twitter", "facebook", "county", "state", "city", "college", "report", "act",
                      "administration", "election", "democrats", "republicans", "americans",
                      "officials", "voters", "supporters", "staff", "government", "congress",
                      "journalism", "matter", "millennials", "police", "rico", "senate", "states",
                      "watch"}
SUFFIXES = ("", "s", "es", "ed", "ing", "al", "ation", "ations", "ion", "ions", "ist", "ists",
            "ism", "er", "ers", "ly", "ity", "ies", "ment", "ments", "ic")


def first_annotations(gold):
    files = sorted(os.listdir(os.path.join(gold, "attributions")))
    chosen = {}
    for f in files:
        name = re.sub(r"(_[0-9a-f]{4})?\.ann$", "", f)
        chosen.setdefault(name, f)
    return chosen


def attributions(gold):
    """(article, person or None, content start, content end, content text) in text order."""
    raw = []
    for article, ann in sorted(first_annotations(gold).items()):
        spans, events = {}, []
        for line in open(os.path.join(gold, "attributions", ann), encoding="utf-8"):
            parts = line.rstrip("\n").split("\t")
            if parts[0].startswith("T") and len(parts) >= 3:
                kind, *offsets = parts[1].replace(";", " ").split()
                nums = [int(x) for x in offsets]
                spans[parts[0]] = (kind, min(nums), max(nums), parts[2])
            elif parts[0].startswith("E") and len(parts) >= 2:
                events.append(dict(a.split(":", 1) for a in parts[1].split() if ":" in a))
        rows = []
        for e in events:
            content = spans.get(e.get("Content", ""))
            if not content:
                continue
            source = spans.get(e.get("Source", ""))
            rows.append((content[1], content[2], content[3], source))
        rows.sort(key=lambda r: (r[0], r[1]))
        raw.append((article, rows))
    people = set()
    for _, rows in raw:
        for *_, source in rows:
            words = name_words(source[3]) if source else None
            if words and len(words) >= 2 and not any(w.lower() in ORGANISATION_WORDS for w in words):
                people.add(words[-1])
    out = []
    for article, rows in raw:
        last_named = None
        for start, end, text, source in rows:
            words = name_words(source[3]) if source else None
            person = words[-1] if words and words[-1] in people else None
            if person:
                last_named = person
            else:
                person = last_named
            out.append((article, person, start, end, text))
    return out


def name_words(mention):
    """The words of the name a Source holds (titles dropped, possessive cut), else None.

    A name is a run of capitalised words, middle initials left out: the first run of two or more ("Senate minority
    leader Harry Reid", "former Gov. Bill Richardson of New Mexico"), or the whole mention
    when it is one word ("Trump", "Mr. Trump"). A run with or before an organisation word is
    no person ("the Clinton campaign", "Washington Post")."""
    words = [w.strip(".,’'\"“”()") for w in mention.split()]
    words = [w for w in words if w]
    runs, run = [], []
    for i, w in enumerate(words + [""]):
        if len(w) > 1 and w.lower() not in TITLES and w[0].isupper() and w[1:].islower():
            run.append(w)
            continue
        if run and len(w) == 1 and w.isupper():
            continue  # a middle initial ("Donald J. Trump")
        if run:
            runs.append((run, w))
        run = []
    chosen = next((r for r, after in runs if len(r) >= 2), None)
    if chosen is None and len(runs) == 1 and len(runs[0][0]) == 1:
        rest = [w for w in words if w.lower() not in TITLES]
        chosen = runs[0][0] if rest == runs[0][0] else None
    if not chosen or len(chosen) > 4:
        return None
    after = dict((tuple(r), a) for r, a in runs)[tuple(chosen)]
    if any(w.lower() in ORGANISATION_WORDS for w in chosen + [after]):
        return None
    chosen = list(chosen)
    chosen[-1] = re.sub(r"(’s|'s)$", "", chosen[-1])
    return chosen if len(chosen[-1]) >= 3 and chosen[-1].isalpha() else None


def content_words(text):
    return {w for w in re.findall(r"[a-z][a-z-]+", text.lower()) if len(w) >= 4 and w not in STOP}


def holds(text, topic):
    words = set(re.findall(r"[a-z][a-z-]+", text.lower()))
    root = re.sub(r"(s|es|ed|ing)$", "", topic) if len(topic) > 5 else topic
    return any(w == root + s or w == topic for w in words for s in SUFFIXES)


def make(gold, out_path):
    rows = attributions(gold)
    by_person = defaultdict(list)
    for r in rows:
        if r[1]:
            by_person[r[1]].append(r)
    share = Counter()
    for r in rows:
        share.update(content_words(r[4]))
    common = {w for w, n in share.items() if n > MAX_SHARE * len(rows)}
    titles = Counter()
    for line in open(os.path.join(gold, "..", "metadata.tsv"), encoding="utf-8"):
        cols = line.rstrip("\n").split("\t")
        if len(cols) > 7:
            titles.update(content_words(cols[7]))
    topical = {w for w, n in titles.items() if n >= 2}
    questions = []
    for person in sorted(by_person):
        said = by_person[person]
        if len(said) < MIN_PERSON:
            continue
        counts = Counter()
        for r in said:
            counts.update((content_words(r[4]) & topical) - common - {person.lower()})
        topics = []
        for topic, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            relevant = sum(holds(r[4], topic) for r in said)
            if relevant >= MIN_RELEVANT and not any(holds(topic, t) or holds(t, topic) for t in topics):
                topics.append(topic)
            if len(topics) == PER_PERSON:
                break
        for topic in topics:
            relevant = sum(holds(r[4], topic) for r in said)
            questions.append((person, topic, relevant))
    with open(out_path, "w", encoding="utf-8") as out:
        for i, (person, topic, n) in enumerate(questions):
            q = f"{person} quotes about {topic}" if i % 2 == 0 else f"what did {person} say about {topic}"
            out.write(f"{q}\t{person}\t{topic}\t{n}\n")
    print(f"{len(questions)} questions, {len({p for p, _, _ in questions})} people, "
          f"{len(rows)} attributions", file=sys.stderr)


def judge(gold, questions_path, responses_path):
    rows = attributions(gold)
    texts = {}
    questions = [l.rstrip("\n").split("\t") for l in open(questions_path, encoding="utf-8") if l.strip()]
    responses = [json.loads(l) for l in open(responses_path, encoding="utf-8")]
    assert len(questions) == len(responses), (len(questions), len(responses))
    p5_sum = ndcg_sum = 0.0
    for (question, person, topic, _), response in zip(questions, responses):
        gold_spans = defaultdict(list)
        for article, who, start, end, text in rows:
            if who == person and holds(text, topic):
                gold_spans[article].append((start, end))
        gains = []
        for hit in response.get("hits", [])[:5]:
            article = os.path.splitext(os.path.basename(hit.get("path", "")))[0]
            quote = hit.get("quote") or ""
            good = False
            if hit.get("kind") == "quote" and quote and article in gold_spans:
                if article not in texts:
                    texts[article] = open(os.path.join(gold, "text", article + ".txt"), encoding="utf-8").read()
                at = texts[article].find(quote)
                good = at >= 0 and any(at < e and at + len(quote) > s for s, e in gold_spans[article])
            gains.append(1 if good else 0)
        n_relevant = sum(len(v) for v in gold_spans.values())
        p5_sum += sum(gains) / 5
        dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains))
        idcg = sum(1 / math.log2(i + 2) for i in range(min(5, n_relevant)))
        ndcg_sum += dcg / idcg if idcg else 0.0
    n = len(questions)
    print(f"generated quote questions: {n}  P@5 {p5_sum / n:.3f}  nDCG@5 {ndcg_sum / n:.3f}")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "make":
        make(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 5 and sys.argv[1] == "judge":
        judge(*sys.argv[2:])
    else:
        sys.exit(__doc__)
