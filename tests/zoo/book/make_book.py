"""Write index.md: "Low Country", a book of twenty walks in an invented fen parish, 300+ printed pages.

The zoo needs a book-length document that reads as prose, not one paragraph repeated, so that
the editions are tested at the size of a real book. Each chapter is one walk: a place, a month,
a river, the birds and plants of the season and the people met. Paragraphs are composed from
sentence patterns whose slots are filled from the lists below, deterministically (seeded), and
no sentence or paragraph is ever used twice (the script stops if it would be).

Run: python tests/zoo/book/make_book.py   (rewrites tests/zoo/book/index.md)
"""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

SEED = 1947
WORDS_PER_CHAPTER = 7000

FRONT_MATTER = """---
title: "Low Country: twenty walks through the Saltmere fens"
subtitle: "A year and a half on foot in the drained land"
lang: en-GB
date: "2024-11-01"
author: Eleanor Pryce
publisher: Fen Edge Press
description: >-
  Twenty walks through the invented fen parish of Saltmere, one for each month of a
  year and a half: the drains and droves, the birds and plants of each season, the
  history of the drainage and the people who farm and keep the land today.
contact: readers@fenedgepress.example.co.uk
---
"""

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
SEASON = {"December": "winter", "January": "winter", "February": "winter", "March": "spring", "April": "spring",
          "May": "spring", "June": "summer", "July": "summer", "August": "summer", "September": "autumn",
          "October": "autumn", "November": "autumn"}

# Each walk: (place, river, village, church saint, landmark). Names are invented.
WALKS = [
    ("Saltmere Fen", "Old West Lode", "Saltmere", "St Botolph", "the pumping station at Hobb's Sluice"),
    ("Hobb's Drove", "Catchwater Drain", "Fordham Hythe", "St Guthlac", "the black-tarred windpump"),
    ("Reach End", "Reach Lode", "Reach", "St Etheldreda", "the old staithe"),
    ("Coldharbour Wash", "New Bedford River", "Coldharbour", "St Mary", "the washland bank"),
    ("Sedge Corner", "Sedge Lode", "Little Sedgeley", "St Andrew", "the duck decoy"),
    ("Burnt Fen", "Lark Cut", "Prickwillow End", "St Peter", "the engine house"),
    ("Marham Holme", "Holme Drain", "Marham Holme", "All Saints", "the bog-oak store"),
    ("Thorney Gault", "Twenty Foot River", "Gault", "St Wendreda", "the sugar-beet pad"),
    ("Swaffham Lode", "Swaffham Lode", "Swaffham Staithe", "St Cyriac", "the lock gates"),
    ("Welney Washes", "Old Bedford River", "Welney Hythe", "St Mary Magdalene", "the hide above the wash"),
    ("Fodder Fen", "Fodder Drain", "Fodder End", "St Felix", "the brick culvert"),
    ("Wardy Hill", "Wardy Lode", "Wardy", "St Ovin", "the hilltop chapel ruin"),
    ("Mepal Reach", "Hundred Foot Drain", "Mepal Reach", "St Neot", "the swing bridge"),
    ("Black Horse Drove", "Lade Bank", "Blackhorse", "St John", "the drove chapel"),
    ("Sutton Gault", "Delph", "Sutton", "St Edmund", "the ferry house"),
    ("Stretham Mere", "Old West River", "Stretham", "St James", "the beam engine"),
    ("Adventurers' Fen", "Monk's Lode", "Upware", "St Laurence", "the reed-cutters' shed"),
    ("Littleport Common", "Ten Mile Bank", "Littleport Hythe", "St George", "the floodgate"),
    ("Padnal Fen", "Padnal Drain", "Padnal", "St Michael", "the trig point on the roddon"),
    ("Saltmere again", "Old West Lode", "Saltmere", "St Botolph", "the pumping station at Hobb's Sluice"),
]

BIRDS = {
    "winter": ["whooper swans", "Bewick's swans", "wigeon", "teal", "pintail", "golden plover", "lapwing",
               "fieldfares", "redwings", "a hen harrier", "a short-eared owl", "a peregrine", "snipe",
               "a water rail", "a merlin", "pink-footed geese", "a barn owl", "reed buntings"],
    "spring": ["lapwing", "redshank", "a marsh harrier", "skylarks", "a cuckoo", "sedge warblers",
               "reed warblers", "a bittern", "garganey", "sand martins", "swallows", "a whitethroat",
               "a grasshopper warbler", "snipe", "black-tailed godwits", "yellow wagtails", "a hobby"],
    "summer": ["swifts", "a hobby", "reed warblers", "a kingfisher", "a marsh harrier", "common terns",
               "a little egret", "a great white egret", "yellowhammers", "corn buntings", "a turtle dove",
               "house martins", "a grey heron", "a cuckoo", "a barn owl", "linnets", "a bearded tit"],
    "autumn": ["golden plover", "lapwing", "starlings", "a sparrowhawk", "a marsh harrier", "teal",
               "greylag geese", "pink-footed geese", "a stonechat", "a grey heron", "a kestrel",
               "meadow pipits", "a ruff", "a green sandpiper", "a kingfisher", "redwings", "a merlin"],
}
PLANTS = {
    "winter": ["the dead heads of hogweed", "rushes", "the bleached reed", "ivy on the bridge rails",
               "lichen on the gateposts", "the brown stems of purple loosestrife", "moss on the drove",
               "willow stools", "blackthorn without a leaf", "the seed heads of teasel"],
    "spring": ["marsh marigold", "lady's smock", "cowslips on the bank", "blackthorn in flower",
               "the first green shoots of reed", "coltsfoot", "lesser celandine", "sallow catkins",
               "water violet", "meadowsweet leaves", "bogbean in the ditch"],
    "summer": ["meadowsweet", "purple loosestrife", "yellow flag", "milk parsley", "marsh pea",
               "fen bedstraw", "hemp agrimony", "water mint", "comfrey", "greater spearwort",
               "flowering rush"],
    "autumn": ["hawthorn berries", "the rust of dock leaves", "rosehips", "sloes", "the last devil's-bit "
               "scabious", "fleabane gone to seed", "the yellowing reed", "crab apples on the drove",
               "guelder rose berries", "old man's beard"],
}
WEATHER = {
    "winter": ["a hard frost", "a raw east wind", "freezing fog", "a thin sleet", "a white, windless cold",
               "low cloud that never lifted", "a brittle sunshine"],
    "spring": ["a soft westerly", "showers that came and went", "a mild grey morning", "a clear, cold dawn",
               "a warm wind from the south", "a bright sky full of moving cloud"],
    "summer": ["a heavy heat", "a haze over the fields", "thunder somewhere to the south", "a dry wind",
               "a long still evening", "a morning of high white cloud"],
    "autumn": ["a blustery westerly", "mist in the hollows", "a mild rain", "a gale blowing itself out",
               "a clear, sharp morning", "a sky the colour of pewter"],
}
PEOPLE = ["Arthur Dring", "Margaret Hullock", "Ted Bocking", "Susan Orrey", "Ray Pegg", "Janet Leet",
          "Frank Swann", "Edie Skeels", "Colin Marfleet", "Pauline Howitt", "Dennis Rutterford", "Joan Ambrose",
          "Graham Sutterby", "Lorna Peck", "Neville Cousins", "Ivy Gotobed", "Stan Purkiss", "Maureen Feast",
          "Derek Hainsworth", "Brenda Flatt", "Harold Saberton", "Alice Kisby", "Peter Gotts", "Rita Youngs",
          "Walter Bland", "Hilda Scrimshaw", "Roy Thurlow", "Nina Oldfield", "Tom Kerridge", "Vera Hockney",
          "Geoffrey Ingle", "Ann Pettit", "Bill Wass", "Sandra Tofts", "Keith Angood", "Mabel Dodson",
          "Alan Mayes", "Gwen Clarke", "Jim Hewson", "Doris Legge"]
WOMEN = {"Margaret", "Susan", "Janet", "Edie", "Pauline", "Joan", "Lorna", "Ivy", "Maureen", "Brenda", "Alice",
         "Rita", "Hilda", "Nina", "Vera", "Ann", "Sandra", "Mabel", "Gwen", "Doris"}
JOBS = ["drainage board engineer", "reed cutter", "sheep farmer", "retired eel catcher", "lock keeper",
        "potato grower", "church warden", "ranger on the washes", "tractor driver", "bird ringer",
        "parish clerk", "retired schoolteacher", "sugar-beet grower", "thatcher", "bargeman's grandson",
        "keeper of the pumping station", "dairy farmer", "village shopkeeper", "district nurse", "sluice keeper"]
TOPICS = ["the floods of 1947", "the winter of 1963", "the last of the eel traps", "the coming of the diesel pumps",
          "the potato harvests of the war years", "the skating matches on the washes", "the old ferry",
          "the beet campaign", "the day the bank broke", "the reed harvest", "the Sunday school outings",
          "the wartime airfield", "the gangs who picked the fields", "the wherries that came up the lode",
          "the peat cutting", "the decoy men", "the fen tigers", "the great frost", "the horse sales",
          "the last thatched cottage"]
YEARS = ["1631", "1651", "1697", "1720", "1753", "1789", "1821", "1831", "1852", "1877", "1894", "1912",
         "1928", "1936", "1947", "1953"]
ENGINEERS = ["Vermuyden's men", "the Adventurers", "the Bedford Level Corporation", "the commissioners of sewers",
             "a Dutch engineer", "the drainage board", "the parish vestry", "the steam engine company"]
REFLECTION = ["how much of this land was made by hand", "how little of the old fen is left",
              "how the water always wants to come back", "what it means to belong to a flat place",
              "how quickly a life's work sinks into the peat", "the patience of people who farm below the sea",
              "how a landscape can be both made and wild", "the cost of every field won from the water",
              "how sound carries where nothing stands in its way", "how the sky does the work of hills here",
              "how memory settles like silt", "what the next flood will take and what it will leave",
              "how the drains write straight lines over an old, crooked country",
              "how strange it is to walk above the rooftops on a river bank",
              "the people who dug these drains with spades and barrows", "how birds ignore the boundaries we draw",
              "how the seasons here are told by water rather than by leaves", "the long argument between farmers "
              "and the floods", "what a flat horizon does to the mind", "how much work it takes to keep a place dry",
              "how the fen remembers its meres in every wet winter", "the small mercies of a sheltered bank",
              "how the names of fields outlast the families who gave them", "how empty land is never empty",
              "the slow arithmetic of silt and peat", "how the wind here is a neighbour rather than a visitor",
              "the difference between a view and a landscape", "how a single tree becomes a landmark"]
COLOURS = ["grey-green", "silver", "ochre", "dun", "umber", "slate-blue", "copper", "pale gold", "smoky",
           "pearl-grey", "rust-red", "bottle-green", "fawn", "black"]
SKY = ["the sky filled three-quarters of the view", "the clouds moved in long rows like ploughed land",
       "the light changed every few minutes", "the horizon was ruled as straight as a drain",
       "a single cloud threw its shadow across a whole farm", "the sun came through in slanting bars",
       "the sky seemed to press down on the fields", "the light had the clarity of cold water"]
SOUNDS = ["the tick of the electric fence", "a tractor far off", "the wind in the reed", "the hum of the pumps",
          "the bells of a distant church", "geese talking to one another", "the slap of water against the staging",
          "a dog barking at a farm a mile away", "the rattle of dry seed heads", "a train on the embankment"]
CROPS = ["sugar beet", "winter wheat", "potatoes", "onions", "celery", "carrots", "barley", "oilseed rape",
         "parsnips", "lettuce under fleece"]

# Sentence patterns by kind. Slots: {place} {river} {village} {saint} {landmark} {month} {season} {bird}
# {bird2} {birds} {one_bird} {plant} {plant2} {weather} {person} {job} {topic} {year} {engineer} {reflection} {colour}
# {colour2} {sky} {sound} {crop} {num} {miles}.
PATTERNS = {
    "route": [
        "I left {village} by the lane past the chapel and climbed the bank of the {river} within ten minutes.",
        "The path runs along the top of the bank for {miles} miles, and in {weather} there is no shelter on it.",
        "At the sluice the path drops to the drove, which is grassed in summer and churned to mud by {month}.",
        "I crossed the {river} by the footbridge, counted {num} steps down on the far side, and turned north.",
        "The drove beyond {landmark} was marked on the map as a right of way, but its stile had rotted to two posts.",
        "From {landmark} a concrete track leads east between two fields of {crop}.",
        "It is {miles} miles from {village} to {landmark} by the bank, and rather more by the road.",
        "A fingerpost, its arms bleached {colour}, pointed along a headland that had been ploughed almost to the ditch.",
        "I followed the {river} until it met a wider drain, then took the droveway beside the {crop}.",
        "The last part of the walk, back into {village}, is on the road, raised on its own low bank above the fields.",
        "Where the track bends I went through a field gate and along the edge of the {crop}.",
        "I had meant to go as far as {landmark}, but in {weather} I turned back at the {miles}-mile mark.",
        "Beyond the farm the way is a plank bridge over a ditch, then a long straight walk towards {village}.",
        "The map promised a path along the {river}; in {month} the reality was a strip of trodden grass.",
        "By mid-morning I had covered {miles} miles and had seen nobody except {person} on a quad bike.",
        "The bank top was {colour} with frost-burnt grass, and I walked on it for {miles} miles towards {landmark}.",
        "I took the long way round {place}, by the {river} and back along the drove, about {miles} miles in all.",
        "Out of {village} the lane runs between ditches full of {plant}, and then gives out at a farm gate.",
        "Half a mile past {landmark} the path crosses a railway on the level, with a gate that must be shut.",
        "For the last {miles} miles I had {weather} in my face and {sound} for company.",
        "The right of way crosses the {crop} in a straight line, and the farmer had kindly left it clear.",
        "I set out from {village} at first light, with {weather} coming in from the west.",
        "The bridleway along the {river} was firm after the dry spell, and I made good time to {landmark}.",
        "Past the pumping station the bank turns through a right angle and heads for {village}, {miles} miles off.",
    ],
    "land": [
        "In {weather} the fields on either side of the {river} looked {colour}, flat as a table and as bare.",
        "Under {weather} the land seemed to go on for ever, and {sky}.",
        "The black peat showed through the {crop}, and in the low places water lay in long {colour2} strips.",
        "From the top of the bank I could see three church towers and the chimney of {landmark}.",
        "The drains here are straighter than any road, and the fields between them are as regular as a chessboard.",
        "Nothing stood higher than a man for a mile in any direction except a line of poplars and a pylon.",
        "The {crop} had been lifted, and the field was left in ridges that caught the light like corduroy.",
        "On the washland the grass was {colour}, and the water in the pools between the tussocks was {colour2}.",
        "{sky_cap}, and the fields below it seemed almost an afterthought.",
        "The river here is higher than the land, held between its banks like water in a gutter.",
        "The land has shrunk as the peat has dried, and the farm gates now stand a yard above the fields they open on.",
        "Along the headland, {plant} grew thickly where the sprayer had missed.",
        "Even in {weather} the view had a beauty that is hard to explain to anyone who loves hills.",
        "A farmhouse stood alone on its island of trees, {colour} against the {colour2} of the sky.",
        "The bank was grazed short by sheep, and from it the whole of {place} lay spread out like a map.",
        "Across the {river} the {crop} ran to the horizon in rows so straight they seemed drawn with a rule.",
        "The fields around {village} are {colour} in {month}, and the ditches between them {colour2}.",
        "Seen from the bank, {landmark} looked like a toy left out on a {colour} carpet.",
        "In the middle distance a sprayer crawled across the {crop}, trailing a {colour} mist.",
        "The soil here changes within a field from black peat to {colour} silt, and the {crop} grows differently on each.",
        "South of {village} the land rises by perhaps a yard, enough for a lane, a row of cottages and a chapel.",
        "Every hedge near {landmark} had been grubbed out long ago, and only the ditches marked the old boundaries.",
        "The dyke beside the drove held a {colour} water so still that the sky lay in it unbroken.",
        "There is no such thing as a small field in {place}; the smallest I passed was the size of a village.",
        "The {river} was running high and {colour}, and its surface was covered in small turning eddies.",
        "The fields beyond the {river} had been drilled with {crop}, and the rows caught the light as I walked.",
        "{sky_cap}; below it the only colour was the {colour} of the {crop}.",
        "Telegraph poles lean here at every angle, because the peat under them is always moving.",
        "The farm tracks around {village} are made of broken brick and chalk, {colour} against the black soil.",
        "The horizon around {place} was broken only by {landmark} and a line of distant wind turbines.",
    ],
    "bird": [
        "Over the washes I watched {bird} for almost half an hour, until the light began to fail.",
        "{bird_cap} rose from the drain as I passed, and settled again a little further on.",
        "The best sight of the day was {bird}, low over the reed, quartering the ground like a dog.",
        "There were {birds} in the field by the sluice, and among them, if I am not mistaken, {bird2}.",
        "I heard {birds} before I saw them, and then they were all around me.",
        "At {landmark} a ringer had counted {num} {birds} that morning, more than in any {month} she could remember.",
        "Near the footbridge {bird} flew up from under my feet, and my heart took a while to slow down.",
        "By the hawthorn on the drove there were {birds}, too busy feeding to care about me.",
        "A pair of binoculars is no help against {weather}, but I still made out {bird} on the far bank.",
        "{birds_cap} went over high and calling, heading for the coast, and I watched until they were specks.",
        "The farmer told me that {bird} had come back to the field after twenty years away.",
        "Where the {river} widens, {bird} were feeding on the mud, and {bird2} sat hunched on a post.",
        "I counted {num} {birds} on a single flooded field, and gave up counting after that.",
        "On the way home {one_bird} crossed the road in front of me, unhurried, as if it owned the place.",
        "The reed beds held {bird}, heard all morning and seen only once.",
        "Above {landmark} {one_bird} hung on the wind, then slid away over the {crop}.",
        "The {river} was busy with {birds}, and now and then {one_bird} went over and scattered them.",
        "I waited by the {river} for {one_bird}, which the {job} at {village} had promised me, and it came.",
        "In {month} the washes belong to {birds}, and I had to stop every few yards to watch them.",
        "Against the {colour} of the sky, {birds} looked almost black as they turned over the fields.",
        "From the bank I could see {birds} feeding on the {crop}, and a farmer who did not seem to mind them.",
        "A flock of {birds} lifted from the field by {landmark} and poured over my head like smoke.",
        "Where the drain widens into a flash, {birds} were bathing, and {one_bird} watched from a post.",
        "The first bird I heard in {place} that morning was {bird}; the last, as the light went, was {bird2}.",
        "I have seen {one_bird} at {landmark} in most years, but never as close as this.",
        "{birds_cap} were working along the edge of the {crop}, keeping just ahead of me as I walked.",
        "For a few minutes {one_bird} and {birds} shared the same flooded corner of the field.",
    ],
    "plant": [
        "Along the ditch {plant} grew among the rushes, and further on I found {plant2}.",
        "The bank was thick with {plant}, which the drainage board's mowers had not yet reached.",
        "I stopped to look at {plant}, which I had not expected to find so far from the reserve.",
        "On the edge of the drove I found {plant} growing through the remains of an old fence.",
        "Where the water stands in winter I found {plant}, and among it {plant2}.",
        "The verge by the pumping station is left uncut, and it was full of {plant}.",
        "{plant_cap} and {plant2} are all that remain here of the old fen flora.",
        "A botanist I met by the lode had found {plant} in a ditch that was dredged only five years ago.",
        "Some of the ditches had been cleaned out, leaving bare mud; others were choked with {plant}.",
        "Even in {month} I found {plant}, sheltered by the bank from the worst of the wind.",
        "By {landmark} the ditch sides were lined with {plant}, {colour} in the low sun.",
        "The {job} at {village} had told me to look for {plant} along the {river}, and there it was.",
        "Between the drove and the {crop} ran a strip of {plant}, no wider than a man's stride.",
        "I knelt by the {river} to look at {plant} more closely, and my knees came up {colour} with mud.",
        "In {place} the old fen plants hang on in the ditches: {plant}, {plant2} and little else.",
        "Someone had planted {plant} along the edge of the churchyard at {village}, and it had spread to the lane.",
        "The sheep on the bank had eaten everything except {plant}, which stood up alone like a fence.",
        "Wherever the {river} had overflowed last winter there was now {plant}, in {colour} drifts.",
        "I pressed a sprig of {plant} in my notebook, between pages about {topic}.",
        "A survey in {year} listed {plant} at {landmark}; I was pleased to find it there still.",
        "Along the foot of the bank, {plant} and {plant2} grew together, as they must have done before the drainage.",
        "The verges near {village} are cut late in the year, and in {month} they were full of {plant}.",
    ],
    "history": [
        "This land was drained in the 1650s by {engineer}, and every field here is younger than the church.",
        "Before {year} the {river} flowed somewhere else entirely, and its old bed can still be traced as a ridge of silt.",
        "In {year} the bank broke near {landmark} and the water stood in the fields until the following spring.",
        "The church of {saint} at {village} was built on the only rise of ground for miles, which is why it is there.",
        "The parish records tell how in {year} the men of {village} cut the banks at night to flood the new fields.",
        "The first engine at {landmark} was a windmill; it was replaced by steam in {year} and by diesel much later.",
        "When {engineer} cut the {river}, they were paid partly in land, and their names survive on the field map.",
        "There was a decoy here until {year}, and the ring of willows that hid the pipes can still be made out.",
        "The villagers of {village} lived by fishing, fowling and cutting reed and sedge until the drainage came.",
        "Every few years a plough turns up a bog oak here, black and hard as iron, which fell four thousand years ago.",
        "In {year} a surveyor wrote that {place} was 'a wilderness of water, fit only for fowl and fish'.",
        "The roads here follow the old droves, laid out when cattle were driven from the uplands to summer grazing.",
        "The sluice at {landmark} was rebuilt after {topic}, and its date stone still reads {year}.",
        "Church records at {village} show that in {year} more burials were recorded than baptisms, the ague years.",
        "Old maps call this place by another name, and show a mere where the {crop} now grows.",
        "In the village hall at {village} there is a photograph of {topic}, with every face named underneath.",
        "The older people of {village} still date things from {topic}, as other places date them from a war.",
        "A {job} I once met kept a scrapbook of {topic}, and every page of it was about {place}.",
        "The drainage of {place} was paid for by {engineer}, who expected to grow rich on it and mostly did not.",
        "The {river} was once busy with lighters carrying {crop}, coal and bricks between {village} and the coast.",
        "Nobody in {village} now remembers {topic} at first hand, but everyone has heard about it.",
        "The earliest record of {village} is a charter that mentions its eels, paid as rent to the monks.",
        "When the peat was deep, the people of {village} cut it for fuel, and the pits became ponds full of reed and water lilies.",
        "The school at {village} closed the year after {topic}, and its bell now hangs in the church of {saint}.",
        "{engineer_cap} left their mark on {place} in straight lines; the older, crooked lines are the rivers they replaced.",
        "In the church of {saint} a board lists the vicars of {village}, and beside one of them someone has written of {topic}.",
        "Parish histories of {place} give a page to {topic} and a line to everything that happened before the drainage.",
        "The {crop} in the field by {landmark} grows on land that was open water within living memory of {topic}.",
    ],
    "meet": [
        "At {landmark} I met {person}, a {job}, who has lived in {village} all {pronoun} life and most of {pronoun} {parent}'s.",
        "{person}, a {job}, was mending a gate by the drove and was glad of an excuse to stop.",
        "In the churchyard at {village} I fell into conversation with {person}, a {job}, who knew every name on the stones.",
        "{person} runs the farm by {landmark} and has worked it, by {pronoun} own account, for forty-one harvests.",
        "On the bank I passed {person}, a {job}, walking a spaniel that ignored us both.",
        "{person}, who was the {job} here for thirty years, showed me where the water reached in {topic}.",
        "I had been told to look out for {person}, a {job}, and found {object} at the bench outside the shop.",
        "{person} came out of the house by the sluice and asked, not unkindly, whether I was lost.",
        "In the pub at {village} that evening, {person}, a {job}, told me about {topic}.",
        "Before I left I called on {person}, a {job}, who keeps a notebook of every flood since {year}.",
    ],
    "talk": [
        "\"You want to see it in a wet winter,\" {first} said. \"Then you'll know what this country really is.\"",
        "\"My grandfather remembered {topic},\" said {first}. \"He never talked about anything else, near the end.\"",
        "\"People think it's empty out here,\" {first} told me. \"It's only that everything is a long way off.\"",
        "\"The land's going down every year,\" {first} said, pointing at the gatepost. \"One day the sea will have it back.\"",
        "\"There used to be twenty men on this farm,\" said {first}. \"Now there's me and a man who comes on Tuesdays.\"",
        "\"I've never wanted to live anywhere with a hill,\" {first} said. \"You can't see what's coming.\"",
        "\"The drainage board do their best,\" {first} said, \"but water's more patient than any board.\"",
        "\"If you're going as far as {landmark},\" {first} said, \"mind the bank. It's soft after the rain.\"",
        "\"The {birds} come back every year,\" said {first}, \"and every year I'm surprised how glad I am.\"",
        "\"We had the television people here once,\" {first} told me, \"filming the floods. They never came back in summer.\"",
        "\"You can tell a fen person,\" {first} said. \"We walk leaning into the wind, even when there isn't one.\"",
        "\"My mother skated to {village} and back in an afternoon,\" {first} said. \"That was {topic}.\"",
    ],
    "reflect": [
        "Walking back, I thought about {reflection}.",
        "It is easy, on a day like this, to forget {reflection}.",
        "By the time I reached {village} I was thinking about {reflection}, as I often do on this bank.",
        "Nothing in the fens lets you forget {reflection} for long.",
        "I have walked here in every season now, and I am still learning {reflection}.",
        "The walk had been about {reflection}, though I had not known it when I set out.",
        "There is a particular kind of silence out here, broken only by {sound}, that makes me think of {reflection}.",
        "As the light went, I heard {sound}, and I thought of {reflection}.",
        "Perhaps the fens teach {reflection}, if anywhere does.",
        "I came home to {village} tired, muddy and more content than I had been since {month} began.",
        "It was not a dramatic walk, {weather} and all, and it did not need to be.",
        "Walks in {place} rarely have a climax; this one ended with {sound}, and that was enough.",
        "On the bus back from {village} I tried to write down {reflection}, and gave up.",
        "In {month}, more than in any other month, {place} makes me think of {reflection}.",
        "I do not know a better place than {place} for thinking about {reflection}.",
        "Whatever the guidebooks say, {place} is not dull; it asks you to notice {reflection}.",
        "A day of {weather} on the {river} is a lesson in {reflection}.",
        "Some walks give you a view; this one gave me {sound}, and the time to listen to it.",
    ],
}
# The order of kinds in a paragraph: a paragraph keeps to one or two kinds, as a writer's paragraphs do.
PARAGRAPH_KINDS = [("route", "land"), ("land", "bird"), ("bird",), ("bird", "plant"), ("plant", "land"),
                   ("history",), ("history", "land"), ("meet", "talk"), ("talk", "reflect"),
                   ("land", "reflect"), ("route", "bird"), ("history", "meet"), ("route", "plant")]
FIRST_SECTION, LAST_SECTION = "Setting out from {village}", "Coming home"
SECTION_TITLES = ["Along the {river}", "At {landmark_title}", "The church of {saint}",
                  "Birds of the washes", "A conversation by the sluice", "What the map does not show",
                  "The view from the bank", "Water and land", "{month} light",
                  "People of {village}"]


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


class Writer:
    """Fills patterns for one walk, never repeating a sentence anywhere in the book."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()
        self.in_chapter: Counter[str] = Counter()  # uses of each pattern in the chapter being written

    def fill(self, pattern: str, walk: dict) -> str:
        r = self.rng
        season = walk["season"]
        birds = [b for b in BIRDS[season] if not b.startswith("a ")]
        bird, bird2 = r.sample(BIRDS[season], 2)
        plant, plant2 = r.sample(PLANTS[season], 2)
        colour, colour2 = r.sample(COLOURS, 2)
        sky = r.choice(SKY)
        plural = r.choice(birds)
        engineer = r.choice(ENGINEERS)
        slots = dict(bird=bird, bird2=bird2, bird_cap=capital(bird), birds=plural, birds_cap=capital(plural),
                     one_bird=r.choice([b for b in BIRDS[season] if b.startswith("a ")]),
                     plant=plant, plant2=plant2, plant_cap=capital(plant), weather=r.choice(WEATHER[season]),
                     colour=colour, colour2=colour2, job=r.choice(JOBS), topic=r.choice(TOPICS), year=r.choice(YEARS),
                     engineer=engineer, engineer_cap=capital(engineer), reflection=r.choice(REFLECTION), sky=sky, sky_cap=capital(sky),
                     sound=r.choice(SOUNDS), crop=r.choice(CROPS),
                     num=r.choice(["forty", "sixty", "a hundred and twenty", "two hundred", "three hundred",
                                   "nearly five hundred", "eleven", "twenty-three", "fifty-odd"]),
                     miles=r.choice(["two", "three", "four", "five", "six", "two and a half", "three and a half"]))
        return pattern.format(**{**slots, **walk})

    def sentence(self, kind: str, walk: dict, patterns: set) -> str:
        """A new sentence, from the pattern of this kind least used in the chapter and not yet in this
        paragraph; a fact about the place (a year in its history) stays the same all chapter."""
        choices = [p for p in PATTERNS[kind] if p not in patterns]
        self.rng.shuffle(choices)
        for pattern in sorted(choices, key=lambda p: self.in_chapter[p]):
            fixed = {"year": random.Random(f"{walk['place']}|{pattern}").choice(YEARS)} if kind == "history" else {}
            for _ in range(60):
                text = self.fill(pattern, {**walk, **fixed})
                if text not in self.used:
                    self.used.add(text)
                    patterns.add(pattern)
                    self.in_chapter[pattern] += 1
                    return text
        raise SystemExit(f"make_book: ran out of new sentences of kind {kind!r}; add patterns or slot values")

    def paragraph(self, walk: dict, kinds: tuple[str, ...] | None = None) -> str:
        """One paragraph of one or two kinds; a conversation keeps to one person and is short."""
        kinds = kinds or self.rng.choice(PARAGRAPH_KINDS)
        person = self.rng.choice(PEOPLE)
        she = person.split()[0] in WOMEN
        walk = dict(walk, person=person, first=person.split()[0], pronoun="her" if she else "his",
                    object="her" if she else "him", parent="mother" if she else "father")
        count = self.rng.randint(2, 4) if "talk" in kinds else self.rng.randint(4, 7)
        patterns: set[str] = set()
        return " ".join(self.sentence(kinds[min(i * len(kinds) // count, len(kinds) - 1)], walk, patterns)
                        for i in range(count))


def chapter(number: int, writer: Writer, rng: random.Random) -> list[str]:
    """One walk: it sets out, wanders through two sections chosen from the pool, and comes home."""
    place, river, village, saint, landmark = WALKS[number - 1]
    month = MONTHS[number % 12]
    walk = {"place": place, "river": river, "village": village, "saint": saint, "landmark": landmark,
            "landmark_title": capital(landmark.removeprefix("the ")), "month": month, "season": SEASON[month]}
    writer.in_chapter.clear()
    blocks = [f"## {number}. {place} in {month}"]
    words = 0
    titles = [FIRST_SECTION, *rng.sample(SECTION_TITLES, 2), LAST_SECTION]
    for index, title in enumerate(titles):
        blocks.append(f"### {title.format(**walk)}")
        section = dict(walk, weather=rng.choice(WEATHER[walk["season"]]), crop=rng.choice(CROPS))
        first = ("route", "land") if index == 0 else ("reflect",) if index == len(titles) - 1 else None
        while words < WORDS_PER_CHAPTER * (index + 1) / len(titles):
            text = writer.paragraph(section, first)
            first = None
            blocks.append(text)
            words += len(text.split())
    return blocks


def main() -> None:
    rng = random.Random(SEED)
    writer = Writer(rng)
    blocks = []
    for number in range(1, len(WALKS) + 1):
        blocks += chapter(number, writer, rng)
    paragraphs = [b for b in blocks if not b.startswith("#")]
    headings = [b for b in blocks if b.startswith("## ")]
    if len(set(paragraphs)) != len(paragraphs):
        raise SystemExit("make_book: a paragraph repeats")
    text = FRONT_MATTER + "\n" + "\n\n".join(wrap(b) for b in blocks) + "\n"
    target = Path(__file__).with_name("index.md")
    target.write_text(text, encoding="utf-8")
    print(f"{target}: {len(headings)} chapters, {len(paragraphs)} paragraphs, {len(text.split())} words, "
          f"{len(text.encode())} bytes")


def wrap(block: str, width: int = 88) -> str:
    """Break a paragraph into source lines, as an editor's file would have them."""
    if block.startswith("#"):
        return block
    lines, line = [], ""
    for word in block.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join(lines + [line])


if __name__ == "__main__":
    main()
