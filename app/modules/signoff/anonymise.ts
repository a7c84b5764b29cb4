/**
 * Finds passages that look like identifying details of a person who uses services, so the
 * learner and assessor can confirm or redact them before a portfolio goes to a moderation
 * panel. It errs towards asking: a person decides each one. Pure.
 *
 * What it looks for, in the order it prefers them where two overlap: email addresses; dates of
 * birth (a date the text says is one: "born", "DOB", "d.o.b.", "date of birth", "aged 7 (…)",
 * "… (DOB)"); NHS numbers; phone numbers; case, court and reference numbers; postcodes;
 * addresses; names (a list of given and family names, and a capitalised word after a title,
 * a kinship word, or before "said", "'s mother", ", aged 7"); and a date in brackets straight
 * after a name. Meeting, hearing and review dates are left alone, and so are legal and
 * academic citations, framework codes (PCF-5, KSS-CF-3, ECS-2.1), job titles and organisations.
 */
import { createHash } from "node:crypto";
import { EVERYDAY_NAMES, FAMILY_NAMES, GIVEN_NAMES } from "./person-names";

export type FindingKind =
  "name" | "date_of_birth" | "date" | "nhs_number" | "case_number" | "address" | "postcode" | "phone" | "email";

export const FINDING_LABELS: Record<FindingKind, string> = {
  name: "a name",
  date_of_birth: "a date of birth",
  date: "a date (is it a date of birth?)",
  nhs_number: "an NHS number",
  case_number: "a case or reference number",
  address: "an address",
  postcode: "a postcode",
  phone: "a phone number",
  email: "an email address",
};

export interface Finding {
  kind: FindingKind;
  text: string;
  start: number;
  end: number;
}

/** A word compared without case, accents or apostrophes: "Siobhán" is "siobhan", "D'Souza" "dsouza". */
const folded = new Map<string, string>();
const fold = (word: string) => {
  let key = folded.get(word);
  if (key === undefined) {
    key = (/^[A-Za-z'’-]*$/.test(word) ? word : word.normalize("NFD").replace(/\p{M}/gu, ""))
      .replace(/['’]/g, "")
      .toLowerCase();
    if (folded.size < 50_000) folded.set(word, key);
  }
  return key;
};
const foldedSet = (words: readonly string[]) => new Set(words.map(fold));

const GIVEN = foldedSet(GIVEN_NAMES);
const FAMILY = foldedSet(FAMILY_NAMES);
const EVERYDAY = foldedSet(EVERYDAY_NAMES);

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

const MONTH =
  "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?(?![\\p{L}])";
const ORD = "(?:st|nd|rd|th)?";
/** A whole date: numeric (UK order), ISO, or written ("3rd of March 2015", "March 3, 2015"). */
const DATE =
  `(?:\\d{4}[-/]\\d{1,2}[-/]\\d{1,2}(?!\\d)` +
  `|\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})(?![\\d/])` +
  `|\\d{1,2}${ORD}(?:\\s+of)?\\s+${MONTH},?\\s+\\d{4}(?!\\d)` +
  `|${MONTH}\\s+\\d{1,2}${ORD},?\\s+\\d{4}(?!\\d))`;
/** After "born" a part date is a date of birth too: "born in March 2015", "born in 2015", a birthday "3 March". */
const PART_DATE = `(?:${DATE}|${MONTH}\\s+\\d{4}(?!\\d)|\\d{1,2}${ORD}(?:\\s+of)?\\s+${MONTH}|(?:19|20)\\d{2}(?!\\d))`;
const BIRTH_WORD = `(?:born|b\\.|d\\.\\s?o\\.\\s?b\\.?|dob|d\\/o\\/b|date\\s+of\\s+birth|birth\\s*date|birthday)`;
const NOT_DIGIT_START = "(?<![\\p{L}\\p{N}])";

const DOB_PATTERNS: RegExp[] = [
  // "born on the 3rd of March 2015", "DOB: 2015-03-03", "date of birth is recorded as 12/03/2015"
  new RegExp(
    `${NOT_DIGIT_START}${BIRTH_WORD}(?:[\\s:,(–-]|\\b(?:is|was|on|the|in|as|recorded|given|listed|noted|of)\\b){0,12}?${PART_DATE}`,
    "giu",
  ),
  // "12/03/2015 (DOB)"
  new RegExp(`${NOT_DIGIT_START}${DATE}\\s*[(,-]?\\s*(?:dob|d\\.o\\.b\\.?|date of birth)\\b\\)?`, "giu"),
];
/** "aged 7 (03/03/2015)": the date after an age is taken for a date of birth. */
const AGED_DATE = new RegExp(
  `\\baged?\\s+\\d{1,2}(?:\\s*(?:years?|yrs?|months?|weeks?))?(?:\\s+old)?\\s*[,;:(–-]?\\s*(?:and\\s+)?(${DATE})`,
  "giu",
);

// ---------------------------------------------------------------------------------------------
// Numbers, places, contact details
// ---------------------------------------------------------------------------------------------

const EMAIL = /(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g;
/** NHS numbers are ten digits, often 3-3-4; they never start with 0 (a phone number does). */
const NHS = /(?<![\d/.-])[1-9]\d{2}[ -]?\d{3}[ -]?\d{4}(?![\d/])/g;
const CASE_NUMBERS: RegExp[] = [
  // After a word that says so: "Case no. 12345678", "ref: CP/2024/0456", "Mosaic ID 1234567", "crime ref 41/12345/24"
  /\b(?:case|ref(?:erence)?|file|client|mosaic|lcs|eclipse|liquidlogic|carefirst|crime|police|court|claim|incident|log|crn|upn|uln|id)\b\.?\s*(?:ref(?:erence)?\.?\s*)?(?:no\.?|num(?:ber)?\.?|id|#)?\s*[:#.]?\s*(?=[A-Z0-9/-]*\d)[A-Z0-9](?:[A-Z0-9]|[/-](?=[A-Z0-9])){3,}\b/gi,
  // Family court case numbers: court code, year, type, serial ("LS23C01234", "MA24P00512")
  /\b[A-Z]{2}\d{2}[A-Z]{1,2}\d{4,6}\b/g,
  // Letters / year / serial ("CP/2024/0456"), police references ("41/12345/24")
  /\b[A-Z]{1,5}\/\d{2,4}\/\d{2,7}\b/g,
  /(?<![\d/])\d{2}\/\d{4,7}\/\d{2}(?![\d/])/g,
  // National Insurance numbers and unique pupil numbers
  /\b[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/g,
  /\b[A-Z]\d{12}\b/g,
];
const POSTCODE = /\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/gi;
const ADDRESS =
  /(?<![\p{L}\p{N}])(?:(?:Flat|Apartment|Apt\.?)\s+\d+[A-Za-z]?,?\s+)?\d{1,4}[a-z]?,?\s+(?:\p{Lu}[\p{L}\p{M}'’-]+\s+){1,3}(?:Road|Street|Avenue|Lane|Close|Drive|Way|Crescent|Court|Place|Grove|Terrace|Gardens|Square|Mews|Row|Walk|Rise|Hill|View|Parade|Green|Park|Rd|St|Ave)\b/gu;

/** UK phone numbers: 0 and ten or nine more digits, or +44, in groups with spaces, hyphens or brackets. */
const PHONE = /(?<![\w+])(?:\+44[\s-]?(?:\(0\)[\s-]?)?|\(0|0)\d(?:[\s)-]{0,2}\d){7,12}/g;
function phones(text: string): Finding[] {
  const found: Finding[] = [];
  for (const m of text.matchAll(PHONE)) {
    // The national number is ten digits (a few areas nine) after the 0, or after +44 and any "(0)".
    const prefix = /^(?:\+44[\s-]?(?:\(0\)[\s-]?)?|\(?0)/.exec(m[0])![0].length;
    // Cut after the last digit of a group that makes a whole number; otherwise it is not one.
    let cut = -1;
    for (const n of [10, 9]) {
      let seen = 0;
      for (let i = prefix; i < m[0].length; i++) {
        if (!/\d/.test(m[0][i]!)) continue;
        seen++;
        if (seen === n) {
          if (!/\d/.test(m[0][i + 1] ?? "")) cut = i + 1;
          break;
        }
      }
      if (cut > 0) break;
    }
    if (cut < 0) continue;
    // "(0161) 496 0000" keeps its bracket; "(07700 900123, …" does not.
    const from = m[0].startsWith("(") && !m[0].slice(0, cut).includes(")") ? 1 : 0;
    found.push({ kind: "phone", text: m[0].slice(from, cut), start: m.index! + from, end: m.index! + cut });
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// What is never a person who uses services: citations, framework codes, public figures
// ---------------------------------------------------------------------------------------------

const CAP = "\\p{Lu}[\\p{L}\\p{M}'’-]*";
/** Only at the start of a word: a pattern tried inside every long word would take time by the square of its length. */
const AT_WORD = "(?<![\\p{L}\\p{M}\\p{N}'’-])";
/** Each pattern, and (for the slower ones) what a text must contain for it to be worth trying. */
const NOT_PERSONAL: { re: RegExp; needs?: RegExp }[] = [
  // Neutral and report citations: "[2013] EWCA Civ 1146", "[2013] UKSC 33", "[2007] 1 FLR 2050"
  {
    re: /\[\d{4}\]\s+(?:\d+\s+)?[A-Z][A-Za-z]*(?:\s+(?:[A-Z][A-Za-z]*|B))*\s+\d+(?:\s*\((?:Fam|Civ|Crim|Admin|QB|COP|IAC)\))?/g,
  },
  // Case names: "Re B (Care Proceedings: Appeal)", "Re B-S (Children)", "Gillick v West Norfolk"
  { re: /\bRe\s+[A-Z](?:[-–][A-Z])*\b(?:\s*\([^)\n]{1,80}\))?/g },
  {
    re: new RegExp(`${AT_WORD}${CAP}(?:\\s+${CAP}){0,3}\\s+v\\.?\\s+${CAP}(?:\\s+(?:and\\s+)?${CAP}){0,5}`, "gu"),
    needs: / v\.? /,
  },
  // Statutes and their parts: "s.47 Children Act 1989", "section 20", "Article 8 ECHR", "Practice Direction 12A"
  { re: new RegExp(`${AT_WORD}(?:${CAP}\\s+){0,6}Act\\s+\\d{4}`, "gu"), needs: /Act \d/ },
  {
    re: /(?<!['’])\b(?:(?:s|ss|sch|para|art|reg|PD)\.\s*|(?:s|ss)(?=\d)|(?:section|sections|schedule|paragraph|part|article|regulation|rule|practice direction)\s+)\d+[A-Z]?(?:\(\d+[A-Za-z]?\))*(?:\([a-z]\))?(?:\s+(?:ECHR|UNCRC|HRA|CA|MCA|MHA))?/gi,
  },
  // Framework codes: "PCF-5", "KSS-CF-3", "KSS-AD 2", "ECS-2.1"
  { re: /\b(?:PCF|KSS(?:-(?:CF|AD))?|ECS|PQS|CPD|SWE)[\s-]?\d+(?:\.\d+)*\b/g },
  // Judges: "McFarlane LJ", "Mr Justice Cobb", "Lady Hale", "Sir James Munby" ("Hedley J" below)
  { re: new RegExp(`${AT_WORD}${CAP}\\s+(?:LJ|MR|JJ|LJJ)\\b`, "gu"), needs: / (?:LJ|MR|JJ|LJJ)\b/ },
  {
    re: new RegExp(
      `\\b(?:(?:Mr|Mrs|Ms|Lord|Lady)\\s+Justice|Lord|Lady|Baroness|Sir|Dame)\\s+${CAP}(?:\\s+${CAP})?`,
      "gu",
    ),
  },
  // Academic citations: "Munro (2011)", "Ferguson et al. (2020)", "(Kolb, 1984)", "Ruch and Turney's (2010)"
  {
    re: new RegExp(
      `${AT_WORD}(?:${CAP}\\s+)?${CAP}(?:\\s+(?:and|&)\\s+${CAP}|\\s+et\\s+al\\.?)?(?:['’]s)?\\s*\\((?:19|20)\\d{2}[a-z]?(?:[,:]\\s*(?:p\\.?\\s*)?\\d+)?\\)`,
      "gu",
    ),
    needs: /\((?:19|20)\d\d/,
  },
  {
    re: new RegExp(
      `\\((?:${CAP}(?:\\s+(?:and|&)\\s+${CAP}|\\s+et\\s+al\\.?)?,?\\s+(?:19|20)\\d{2}[a-z]?(?:;\\s*)?)+\\)`,
      "gu",
    ),
    needs: /(?:19|20)\d\d[a-z]?\)/,
  },
  // Public inquiries, theorists and eponyms a learner cites
  {
    re: /\b(?:Victoria Climbi[ée]|Peter Connelly|Baby P|Arthur Labinjo-Hughes|Star Hobson|Daniel Pelka|Maria Colwell|Jasmine Beckford|Khyra Ishaq|Eileen Munro|Lord Laming|Carl Rogers|John Bowlby|Mary Ainsworth|Donald Sch[öo]n|David Kolb|Graham Gibbs|Jan Fook|Harry Ferguson|Neil Thompson|Gerard Egan|Abraham Maslow|Urie Bronfenbrenner|Josh MacAlister|Isabelle Trowler|Gillian Ruch|David Howe|Brigid Daniel|Elisabeth K[üu]bler-Ross|Gillick|Fraser (?:guidelines|competen\w*|ruling|test))/gu,
  },
];

/** "Hedley J", "Munby P": a judge, unless the word before the letter is a given name ("Jordan P", a child). */
const JUDGE = new RegExp(`${AT_WORD}(${CAP})\\s+[JP]\\b(?![.'’]\\p{L})`, "gu");

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

/** Capitalised words that are not names: sentence openers, roles, organisations, places, terms of the work. */
const NOT_NAMES = foldedSet(
  `I A An The This That These Those When Where What Why How Who Whom Whose Which While Whilst We You He She They It Its My
  Our Their His Her Him Them Us Me Next Then After Before During Since Although Though However Because As At By For From In
  Into On Onto Of Off Out Over Under Up Down Upon With Within Without To Towards Through Throughout Across Along Around
  About Above Below Between Beyond Despite Following If Once Unless Until Till Whether And But Or Nor So Yet Also Both
  Either Neither Each Every Everyone Everybody Someone Somebody Nobody No Not Yes Nothing Something Anything Everything
  All Any Some Many Much More Most Few Several Other Another Such Own Same Only Just Even Still Already Again Always Never
  Often Sometimes Usually Today Tomorrow Yesterday Tonight Now Here There Please Thank Thanks Dear Hello Hi Good Well
  Overall Initially Finally Firstly Secondly Thirdly Lastly Later Earlier Afterwards Meanwhile Instead Therefore Thus
  Hence Subsequently Additionally Furthermore Moreover Similarly Likewise Nevertheless Notably Importantly Reflecting
  Looking Having Being Going Working Using Taking Making Seeing Thinking Reading Writing Speaking Listening Feedback
  Reflection Reflective Summary Agreed Actions Action Outcome Outcomes Plan Plans Analysis Risk Risks Strengths Concerns
  Worries Steps Learning Note Notes Update Date Time Visit Visits Meeting Meetings Review Reviews Hearing Session Sessions
  Supervision Observation Observations Direct Assessment Assessments Report Reports Referral Referrals Record Records Case
  Cases Contact Chronology Genogram Ecomap Section Sections Article Part Schedule Paragraph Appendix Act Acts Regulations
  Guidance Code Standard Standards Framework Capability Capabilities Domain Domains Knowledge Skills Statement
  Statements Professional Professionals Early Career Development Programme Programmes Child Children Children's Family
  Families Adult Adults Young People Person Persons Parent Parents Carer Carers Mum Mother Dad Father Nan Nana Grandma
  Grandad Granddad Grandmother Grandfather Brother Sister Son Daughter Aunt Auntie Uncle Cousin Baby Partner Husband Wife
  Boyfriend Girlfriend Stepdad Stepmum Foster Kinship Special Guardian Guardians Guardianship Adoption Adopter Adopters
  Local Authority Authorities Council Councils City Borough County District Metropolitan Royal Town Village Court Courts
  High Crown Magistrates Magistrates' Supreme Appeal Appeals Tribunal Police Constabulary Probation Prison Youth Justice
  Offending Team Teams Service Services Trust Trusts NHS Foundation Hospital Hospitals Clinic Surgery Practice GP Health
  Visitor Visitors Midwife Midwifery Community Mental Capacity Deprivation Liberty Safeguards Protection Safeguarding
  Board Partnership Partnerships Hub Hubs Front Door Multi Agency Multi-Agency Strategy Discussion Conference Conferences
  Core Group Groups Initial Need Needs Looked After Care Leaver Leavers Leaving Pathway Education Educational Special
  Disabilities Disability Help Single Public Law Outline Letter Proceedings Pre-Proceedings Order Orders Emergency
  Interim Threshold Criteria Working Together Safeguard Signs Safety Three Houses Wishes Feelings Voice Lived Experience
  Social Work England Worker Workers Department Ofsted Cafcass Barnardo's Women's Aid Refuge Mind Samaritans Citizens
  Advice Jobcentre Plus Universal Credit Benefits Housing Association Homes Home Office Government Parliament Minister
  Secretary State Mayor Councillor School Schools Primary Secondary Infant Infants Junior Juniors Academy College
  University Nursery Sixth Form Pupil Referral Unit Virtual Head Headteacher Teacher Teachers Teaching Assistant Designated
  Lead Leads Deputy Senior Principal Manager Managers Management Independent Reviewing Officer Officers Educator Educators
  Supervisor Supervisors Assessor Assessors Consultant Advanced Practitioner Practitioners Coordinator Co-ordinator
  Director Directors Chair Chairs Panel Panels Moderation Moderator Approved Best Interests Registered Nurse Nurses Doctor
  Doctors Paediatrician Paediatrics Psychiatrist Psychiatry Psychologist Psychology Therapist Therapy Therapies
  Occupational Speech Language Physiotherapist Adolescent Inpatient Outpatient Ward Wards Units Centre Center Centres
  Sure Start House Road Street Lane Avenue Close Drive Way Crescent Place Grove Terrace Gardens Square Estate Parade
  Walk Rise Mews North South East West Northern Southern Eastern Western Central Greater Upper Lower New Old Great Little
  St Saint Christmas Easter Ramadan Eid Diwali Hanukkah Vaisakhi Passover Lent Halloween Bonfire Night Year Day
  Mother's Father's Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March July August September
  October November December Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec English British Welsh Irish Scottish Polish
  Romanian Ukrainian Somali Nigerian Ghanaian Pakistani Indian Bangladeshi Chinese Vietnamese Turkish Kurdish Arabic Urdu
  Punjabi Bengali Sylheti Gujarati Hindi Tigrinya Amharic Portuguese Spanish French Italian Lithuanian Latvian Eritrean
  Afghan Syrian Iranian Iraqi Albanian Jamaican Caribbean African Asian European Muslim Christian Catholic Jewish Sikh
  Hindu Buddhist Islam Church Mosque Temple Gurdwara Synagogue Bible Quran Qur'an God Allah Jesus Maths Science Reception
  Key Stage GCSE GCSEs A-level A-levels BTEC Covid Zoom Microsoft Word Excel Google WhatsApp Facebook Instagram TikTok
  Snapchat YouTube Xbox PlayStation Netflix Minecraft Fortnite Roblox Lego Tesco Asda Aldi Lidl Primark Argos Amazon UK
  Britain Europe Africa Asia Wales Scotland Ireland Pakistan Bangladesh Poland Romania Ukraine Syria Afghanistan Eritrea
  Sudan Iran Iraq Somalia Nigeria Ghana Jamaica China Vietnam Albania Turkey London Manchester Birmingham Leeds Liverpool
  Bradford Sheffield Bristol Newcastle Nottingham Leicester Coventry Cardiff Swansea Belfast Glasgow Edinburgh Northmoor
  Riverside Harbour Eastbridge Pathways Ltd Limited Society Institute Project Charity Agency Station Library Hospice
  Memorial Chapel Cathedral Constable Detective Sergeant Inspector Judge Solicitor Barrister Advocate Interpreter Mentor
  Tutor Keyworker Link Duty Locum Student Apprentice Trainee Qualified Newly Officer's Paper Green White Autumn Spring
  Winter Summer Term Half Holiday Holidays Annual Quarterly Monthly Weekly Daily Strengths-based Strength Systemic Motivational
  Interviewing Restorative Trauma-informed Attachment Theory Model Approach Cycle Triangle Tool Toolkit Inquiry Inquiries
  Serious Incident Learning Rapid National Panel's Review's Mrs Mr Ms Miss Mx Dr Prof Professor Rev Revd Sir Madam Star Angel Personal Independence Payment Allowance Living Attendance Domestic Abuse Violence
  Sexual Exploitation Criminal Neglect Harm Graded Profile Dads Mums Years Months Weeks Decision Decisions Policy Procedure Procedures Level Levels`
    .split(/\s+/)
    .filter(Boolean),
);

/** Words after a name that say it is a place or an organisation: "Mary Seacole House", "St Anne's School". */
const PLACE_AFTER = foldedSet(
  `Council School Academy College University Hospital Hospitals Trust Surgery Centre Center Road Avenue Drive Crescent
  Grove Terrace Gardens Square Estate Unit Clinic Mosque Temple Gurdwara Synagogue Nursery Foundation Society Association
  Partnership Service Services Team Hub Project Library Station Prison Primary Infants Juniors Constabulary Board Agency
  Ltd Limited Charity Institute Ward House Court Church Chapel Cathedral Memorial Hospice Homes Street Lane Close Way
  Place Mews Parade Surgery Practice Group Inquiry Report Review Act Award Prize Fund Programme Model Principles`
    .split(/\s+/)
    .filter(Boolean),
);

const TITLES = /^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Master|Prof|Professor|Rev|Revd|PC|DC|DS|DI|DCI|Sgt|Cllr)\.?$/;
/** Words before a name that say whose it is: "her son, Tendai", "the child Kacper", "known as Bex". */
const KIN = new Set(
  `mother mum mom mam father dad son daughter brother sister half-brother half-sister stepfather step-father stepmother
  step-mother stepdad step-dad stepmum step-mum stepson stepdaughter stepbrother stepsister grandmother grandfather grandma
  grandad granddad grandson granddaughter nan nana nanna gran granny aunt auntie aunty uncle cousin niece nephew partner
  ex-partner husband ex-husband wife ex-wife boyfriend girlfriend fiance fiancé fiancee fiancée baby child sibling twin carer
  friend neighbour called named`.split(/\s+/),
);
const KIN_PAIRS = new Set(["known as", "calls herself", "calls himself", "calls themselves", "foster carer"]);
function kinBefore(text: string, at: number) {
  const before = text
    .slice(Math.max(0, at - 40), at)
    .replace(/[\s,(]+$/u, "")
    .toLowerCase()
    .split(/[^\p{L}-]+/u);
  const last = before[before.length - 1] ?? "";
  return KIN.has(last) || KIN_PAIRS.has(`${before[before.length - 2] ?? ""} ${last}`);
}
const SPEECH_AFTER =
  /^\s+(?:said|says|told|tells|explained|disclosed|reported|shared|asked|stated|replied|agreed|disagreed|felt|feels|wanted|wants|cried|smiled|laughed|drew|lives|lived|attends|attended|refused|declined|spoke|talked|appeared|seemed|presented|described|mentioned|confirmed|denied|admitted|answered|whispered|shouted|screamed|thinks|thought|likes|liked|loves|loved|enjoys|enjoyed|misses|missed|hopes|hoped|worries|worried|returned|moved|arrived|left|stayed|sleeps|slept|showed|wrote|became|(?:is|was) (?:born|aged|\d))\b/u;
/** Weaker: after a capital in the middle of a sentence only ("when Tendai was", not "Hope was low."). */
const BEING_AFTER = /^\s+(?:has|had|was|is)\b/u;
const POSSESSIVE_AFTER =
  /^['’]s\s+(?:mother|mum|mom|father|dad|son|daughter|brother|sister|siblings?|grand\w+|nan|nana|gran|aunt\w*|uncle|cousin|partner|husband|wife|boyfriend|girlfriend|baby|children|carers?|foster|school|nursery|teacher|GP|behaviour|wishes|views|feelings|voice|bedroom|room|birthday|needs|health|placement|plan|family|home|social worker|key ?worker|friends?)\b/iu;
const AGE_AFTER =
  /^(?:\s*,\s*(?:aged?\s+)?\d{1,2}\s*(?:,|\b)|\s*\(\s*(?:aged?\s+)?\d{1,2}\s*(?:years?|yrs?|months?)?\s*\)|\s*,?\s+aged\s+\d)/iu;
const FAMILY_AFTER = /^\s+(?:family|household|twins|siblings|children|boys|girls)\b/u;
const MONTH_NAMES = new Set(["may", "june", "april", "jan"]);
const MONTH_BEFORE =
  /(?:\d(?:st|nd|rd|th)?\s*(?:of\s+)?|\b(?:in|since|until|till|by|during|from|early|late|mid|last|next|this|throughout|of|before|after|end|beginning)\s+)$/iu;
const MONTH_AFTER = /^\s*(?:\d|,?\s*(?:19|20)\d{2})/u;

/** The capitalised words and name particles ("ap", "ní", "van") of a text, with where each is. */
const WORD = /[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*/gu;
const PARTICLES = new Set(
  `ap ab ferch verch bin bint binti de da das dos del della di du van von der den le la al el ni nic mac mc o ua ui y`
    .split(/\s+/)
    .filter(Boolean),
);

interface Word {
  text: string;
  start: number;
  end: number;
  /** The word compared: no possessive, case, accents or apostrophes. */
  key: string;
  capital: boolean;
  possessive: boolean;
}

function wordsOf(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(WORD)) {
    // Only capitalised words and name particles make names; the rest only separate them.
    const c = m[0][0]!;
    if (c === c.toLowerCase() && !PARTICLES.has(m[0].toLowerCase())) continue;
    const possessive = /[^']['’]s$/u.test(m[0]) && m[0].length > 3;
    const bare = possessive ? m[0].slice(0, -2) : m[0];
    const capital = /^\p{Lu}/u.test(bare) && (!/^\p{Lu}{2,}$/u.test(bare) || TITLES.test(bare));
    out.push({
      text: bare,
      start: m.index!,
      end: m.index! + bare.length,
      key: capital ? fold(bare) : bare.toLowerCase(),
      capital,
      possessive,
    });
  }
  return out;
}

const isGiven = (w: Word) => GIVEN.has(w.key) || w.key.split("-").some((p) => GIVEN.has(p));
const isFamily = (w: Word) =>
  FAMILY.has(w.key) ||
  w.key.split("-").some((p) => FAMILY.has(p)) ||
  (/^(?:o|d|mc|mac|ni|nic)(?=\p{L}{3})/u.test(w.key) && FAMILY.has(w.key.replace(/^(?:o|d|mc|mac|ni|nic)/u, "")));
const everyday = (w: Word) => EVERYDAY.has(w.key);
const notName = (w: Word) => NOT_NAMES.has(w.key) || w.text.length < 2;

function sentenceStart(text: string, at: number) {
  const tail = /[\s"“‘'([*•–-]*$/u.exec(text.slice(Math.max(0, at - 40), at))![0];
  const last = at - tail.length - 1;
  return last < 0 || tail.includes("\n") || ".!?:;".includes(text[last]!);
}

function inMonthContext(text: string, w: Word) {
  return (
    MONTH_NAMES.has(w.key) &&
    (MONTH_BEFORE.test(text.slice(Math.max(0, w.start - 20), w.start)) ||
      MONTH_AFTER.test(text.slice(w.end, w.end + 8)))
  );
}

/** Runs of capitalised words joined by single spaces (and name particles between them), none of them a common non-name. */
function runsOf(text: string, words: Word[]) {
  const runs: Word[][] = [];
  let run: Word[] = [];
  const close = () => {
    while (run.length && !run[run.length - 1]!.capital) run.pop();
    if (run.length) runs.push(run);
    run = [];
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const prev = run[run.length - 1];
    const gap = prev ? text.slice(prev.end, w.start) : "";
    const joined = prev && !prev.possessive && (/^ +$/.test(gap) || (/^\. +$/.test(gap) && TITLES.test(prev.text)));
    if (!joined) close();
    if (w.capital) run.push(w);
    else if (run.length && PARTICLES.has(w.key) && words[i + 1]?.capital) run.push(w);
    else close();
  }
  close();
  return runs;
}

function likelyNames(text: string): Finding[] {
  const found: Finding[] = [];
  const words = wordsOf(text);
  const push = (from: Word, to: Word, start = from.start) =>
    found.push({ kind: "name", text: text.slice(start, to.end), start, end: to.end });

  for (const run of runsOf(text, words)) {
    // A title: everything after it that is not a common word ("Mrs Patel", "Ms Ní Bhriain", "DC Hughes").
    const titled = run.findIndex((w) => TITLES.test(w.text));
    if (titled >= 0 && run[titled + 1] && !notName(run[titled + 1]!)) {
      let end = titled + 1;
      while (run[end + 1] && (!notName(run[end + 1]!) || !run[end + 1]!.capital)) end++;
      push(run[titled]!, run[end]!);
      continue;
    }
    // A place or an organisation named after a person, or "St Mary's": not a person.
    const placeAt = run.findIndex((w, i) => i > 0 && PLACE_AFTER.has(w.key));
    const saint = /\b(?:St|Saint)\.?\s*$/u.test(text.slice(Math.max(0, run[0]!.start - 7), run[0]!.start));
    // Split at common words; each part is a candidate.
    const parts: Word[][] = [];
    let part: Word[] = [];
    for (const [i, w] of run.entries()) {
      if (placeAt >= 0 && i <= placeAt) continue;
      if (w.capital && notName(w)) {
        if (part.length) parts.push(part);
        part = [];
      } else part.push(w);
    }
    if (part.length) parts.push(part);
    for (const p of parts) {
      while (p.length && !p[0]!.capital) p.shift();
      if (!p.length || (saint && p[0] === run[0])) continue;
      const first = p[0]!;
      const last = p[p.length - 1]!;
      const after = text.slice(last.end, last.end + 60);
      const cue = () =>
        kinBefore(text, first.start) ||
        SPEECH_AFTER.test(after) ||
        POSSESSIVE_AFTER.test(after) ||
        AGE_AFTER.test(after) ||
        FAMILY_AFTER.test(after);
      const starts = sentenceStart(text, first.start);
      const listed = p.filter((w) => w.capital && (isGiven(w) || isFamily(w)));
      const sure = listed.filter((w) => !everyday(w) && !inMonthContext(text, w));
      if (starts) {
        // A capital at the start of a sentence says nothing: a listed name there still counts, from the name on.
        const from = p.findIndex((w) => sure.includes(w));
        if (from >= 0) push(p[from]!, last);
        else if (cue() && (p.length > 1 || listed.length || !SPEECH_AFTER.test(after))) push(first, last);
        else if (p.length > 1 && listed.length) push(first, last);
        continue;
      }
      if (sure.length || cue() || BEING_AFTER.test(after)) push(first, last);
      else if (listed.length && p.length > 1) push(first, last);
      else if (listed.length && !listed.some((w) => inMonthContext(text, w)) && listed.some((w) => isGiven(w)))
        push(first, last);
      else if (p.length > 1) push(first, last);
    }
  }
  return found;
}

/** A date in brackets or after a comma straight after a name ("Jordan (03/04/2015)"): often a date of birth. */
function datesAfterNames(text: string, names: Finding[]): Finding[] {
  const out: Finding[] = [];
  const after = new RegExp(`^\\s*(?:,\\s*|\\(\\s*)(${DATE})`, "iu");
  for (const n of names) {
    const m = after.exec(text.slice(n.end, n.end + 40));
    if (!m) continue;
    const start = n.end + m[0].length - m[1]!.length;
    out.push({ kind: "date", text: m[1]!, start, end: start + m[1]!.length });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

const ORDER: FindingKind[] = [
  "email",
  "date_of_birth",
  "nhs_number",
  "phone",
  "case_number",
  "postcode",
  "address",
  "date",
  "name",
];

function all(re: RegExp, text: string, kind: FindingKind): Finding[] {
  return [...text.matchAll(re)].map((m) => ({ kind, text: m[0], start: m.index!, end: m.index! + m[0].length }));
}

export function findIdentifying(text: string): Finding[] {
  const masks = NOT_PERSONAL.filter(({ needs }) => !needs || needs.test(text)).flatMap(({ re }) =>
    [...text.matchAll(re)].map((m) => [m.index!, m.index! + m[0].length]),
  );
  for (const m of text.matchAll(JUDGE)) if (!GIVEN.has(fold(m[1]!))) masks.push([m.index!, m.index! + m[0].length]);
  const masked = (f: Finding) => masks.some(([s, e]) => f.start < e! && s! < f.end);
  const found: Finding[] = [
    ...all(EMAIL, text, "email"),
    ...DOB_PATTERNS.flatMap((re) => all(re, text, "date_of_birth")),
    ...[...text.matchAll(AGED_DATE)].map((m) => {
      const start = m.index! + m[0].length - m[1]!.length;
      return { kind: "date_of_birth" as const, text: m[1]!, start, end: start + m[1]!.length };
    }),
    ...all(NHS, text, "nhs_number"),
    ...phones(text),
    ...CASE_NUMBERS.flatMap((re) => all(re, text, "case_number")).filter(
      (f) => !/^(?:[A-Za-z. ]+[:#]?\s*)?(?:(?:19|20)\d{2}(?:[-/]\d{2,4})?|\d{1,2}\/\d{1,2}\/\d{2,4})$/.test(f.text),
    ),
    ...all(POSTCODE, text, "postcode"),
    ...all(ADDRESS, text, "address"),
  ].filter((f) => !masked(f));
  const names = likelyNames(text).filter((f) => !masked(f));
  found.push(...names, ...datesAfterNames(text, names));
  // Where two overlap, the earlier-listed, more specific kind (a date of birth over a date) wins.
  found.sort((a, b) => a.start - b.start || ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind) || b.end - a.end);
  const kept: Finding[] = [];
  for (const f of found) {
    const last = kept[kept.length - 1];
    if (last && f.start < last.end) continue;
    kept.push(f);
  }
  return kept;
}

/** A finding is known by what it says, not where: the same name decided once is decided everywhere in that text. */
export function findingKey(itemId: string, version: number, finding: Pick<Finding, "kind" | "text">) {
  return createHash("sha256")
    .update(JSON.stringify([itemId, version, finding.kind, finding.text.toLowerCase()]))
    .digest("hex")
    .slice(0, 24);
}

/** The text as the panel reads it: every finding decided "redact" replaced by what it was. */
export function redact(text: string, findings: Finding[], shouldRedact: (f: Finding) => boolean) {
  let out = "";
  let at = 0;
  for (const f of findings) {
    if (!shouldRedact(f)) continue;
    out += text.slice(at, f.start) + `[${FINDING_LABELS[f.kind].replace(/^an? /, "").replace(/ \(.*\)$/, "")} removed]`;
    at = f.end;
  }
  return out + text.slice(at);
}
