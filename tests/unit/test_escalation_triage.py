"""Medical urgency, home dangers and distress heard as a grammar of signs and framing, not phrases."""
from __future__ import annotations

import pytest

from app.engine.escalation import build_escalation_detector, normalize
from app.engine.escalation.framing import hypothetical, mild, past_event, settled_after
from app.flows.loader import load_flows


@pytest.fixture(scope="module")
def detector(flows_dir):
    return build_escalation_detector(load_flows(flows_dir).escalation)


@pytest.mark.parametrize("language,text", [
    # neurological signs
    ("en", "my mom's left hand is all weak and she dropped her fork and her face looks off"),
    ("en", "I woke up and the left side of my face won't move"),
    ("en", "something is really wrong with my dad, he's mumbling and can't stand up straight"),
    ("en", "I'm seeing flashing lights and half my vision is gone"),
    ("en", "he's bleeding from the head and he's really dazed"),
    ("en", "my dad fell and now he can't get up and doesn't know what day it is"),
    # breathing, circulation, consciousness
    ("en", "the baby's lips are kind of blue and she's breathing weird"),
    ("en", "my breathing is getting worse and worse and my lips are tingling"),
    ("en", "she's really pale and sweaty and says she feels like she's going to die"),
    ("en", "I feel like an elephant is on my chest and my arm is numb"),
    ("en", "hi um my husband just sort of slumped in his chair and he's not really talking back to me"),
    # bleeding, allergy, poisoning, burns, fractures
    ("en", "the bleeding from my extraction has soaked three towels"),
    ("en", "I'm 30 weeks pregnant and I haven't felt the baby move today"),
    ("en", "my daughter ate a peanut butter cookie and now she's coughing and her voice is hoarse"),
    ("en", "she drank windshield washer fluid"),
    ("en", "we think the baby swallowed a little toy piece and she's gagging"),
    ("en", "I took way more insulin than I should have and I'm shaky and sweaty"),
    ("en", "the skin on my hand is blistered and white after touching the hot pan"),
    ("en", "my son's leg is bent the wrong way after he jumped off the trampoline"),
    ("en", "my kid has a temperature of 104 and he's shaking uncontrollably"),
    # dental red flags
    ("en", "I can't swallow and my neck is huge on one side"),
    ("en", "the lump under his tongue is pushing it up and he's drooling"),
    # home dangers
    ("en", "the propane tank out back is hissing"),
    ("en", "the carbon monoxide thing is going off and the dog is acting sick"),
    ("en", "my carbon monoxide detector says 200 and we all have headaches"),
    ("en", "the outlet behind the tv exploded and now it's black"),
    ("en", "there are sparks flying out of the wall where the plug is"),
    ("en", "water is coming through the ceiling right onto the fuse box"),
    ("en", "our ceiling is bowing down from the water and making cracking noises"),
    ("en", "a tree branch took down the power line and it's lying on our driveway sparking"),
    ("en", "the heat's been out since last night and my newborn is cold to the touch"),
    # threats and violence
    ("en", "a client is screaming at our agent and threatening to hit her"),
    ("en", "a guy just came into the office yelling that he's going to shoot someone"),
    # Spanish
    ("es", "mi papá está muy confundido y no puede hablar"),
    ("es", "mi bebé está respirando muy rápido y se le hunden las costillas"),
    ("es", "huele muchísimo a gas en la cocina"),
    ("es", "está saliendo humo del enchufe"),
    ("es", "el techo se está cayendo por el agua"),
])
def test_signs_of_danger_escalate_to_safety(detector, language, text):
    hit = detector.detect(text, language)
    assert hit is not None and hit.category == "safety", (text, hit)


@pytest.mark.parametrize("language,text", [
    ("en", "I keep thinking everyone would be better off if I wasn't around anymore"),
    ("en", "my brother texted me that he's going to take all his pills"),
    ("en", "every night I lie awake wishing I could just disappear"),
    ("en", "I don't see any reason to keep living"),
    ("en", "I have a plan and I have the pills"),
    ("en", "I'm scared I'm going to do something to myself"),
    ("en", "I feel like I'm suffocating in my own life"),
    ("en", "there's no point in me being here anymore"),
    ("en", "my wife said goodbye to everyone and won't answer her phone"),
    ("en", "I'm completely numb, I don't feel anything anymore"),
    ("en", "I've had thoughts of taking my own life."),
    ("es", "mi esposo dice que ya no quiere vivir"),
    ("es", "siento que ya no vale la pena nada"),
    ("es", "ya no aguanto, quiero desaparecer"),
])
def test_distress_said_indirectly_escalates_to_mental_health(detector, language, text):
    hit = detector.detect(text, language)
    assert hit is not None and hit.category == "mental_health", (text, hit)


@pytest.mark.parametrize("language,text", [
    # routine symptoms and mild wording
    ("en", "my face is a little swollen after my wisdom teeth removal yesterday"),
    ("en", "my eyes are puffy from allergies, can I get an allergy appointment"),
    ("en", "my baby is drooling a lot, I think he's teething"),
    ("en", "my toddler swallowed a bit of toothpaste, is that okay"),
    ("en", "I took my medicine a bit late today"),
    ("en", "I accidentally missed a dose of my antibiotic"),
    ("en", "my jaw is sore from clenching, do you make night guards"),
    ("en", "I can't breathe through my nose because of my allergies, can I book an ENT visit"),
    ("en", "my face is swollen from crying, I just need to cancel today"),
    # past events and hypotheticals
    ("en", "my mom had a heart attack years back, so she wants a cardiology referral"),
    ("en", "I had a stroke in 2015, I need my annual bloodwork"),
    ("en", "we had a small electrical fire years ago, so we want an inspection"),
    ("en", "what do I do if my child ever swallows a battery, just want to be prepared"),
    ("en", "if the CO alarm goes off, should we call you or the fire department"),
    ("en", "what's the protocol if someone has a seizure in the waiting room"),
    ("en", "the tenant called about a gas smell yesterday, the gas company already fixed it"),
    # home-service routine requests
    ("en", "the CO detector chirps every minute, I think the battery is dying"),
    ("en", "the CO detector beeps once every few minutes"),
    ("en", "the outlet sparks a tiny bit when I unplug the vacuum, can someone check it next week"),
    ("en", "the breaker keeps tripping in the kitchen"),
    ("en", "I want a quote to replace the electrical panel"),
    ("en", "the deck is sagging in one corner, can we get a quote to fix it"),
    ("en", "the fridge water line is leaking a little under the sink"),
    ("en", "there's a crack in the drywall above the door"),
    # figures of speech, jokes, other people's lawsuits and deals
    ("en", "the market is on fire right now, should I sell"),
    ("en", "the buyer is going to kill the deal if we don't lower the price"),
    ("en", "the seller is threatening to sue us"),
    ("en", "there's a fire drill at work so I'll be late"),
    ("en", "my kid says he wants to die when he has to do homework, haha"),
    ("en", "I don't see a way out of this contract"),
    ("en", "I'm giving up on getting a refund"),
    ("en", "nothing matters more than my kids' health, so book them first"),
    ("en", "I'm confused about my bill, can you explain it"),
    ("es", "el año pasado tuve dolor de pecho y necesito la cita de seguimiento"),
    ("es", "estoy cansada de tanto papeleo"),
])
def test_look_alikes_do_not_escalate(detector, language, text):
    hit = detector.detect(text, language)
    assert hit is None or hit.category not in ("safety", "mental_health"), (text, hit)


def test_new_signs_wait_for_the_final_transcript(detector):
    """Partial transcripts stay conservative: the sign-and-framing grammar needs the whole utterance."""
    text = "the propane tank out back is hissing"
    assert detector.detect(text, "en") is not None
    assert detector.detect(text, "en", partial=True) is None


def test_past_event_reads_the_clause_not_the_utterance():
    norm = normalize("I had surgery last week and the swelling is spreading to my eye")
    assert not past_event(norm, norm.tokens.index("swelling"), len(norm.tokens) - 1)
    norm = normalize("I had chest pain last year and I'm following up")
    assert past_event(norm, norm.tokens.index("chest"), norm.tokens.index("pain"))
    norm = normalize("my friend's husband had a heart attack")
    assert past_event(norm, norm.tokens.index("heart"), norm.tokens.index("attack"))
    norm = normalize("I think my husband had a stroke")
    assert not past_event(norm, norm.tokens.index("stroke"), norm.tokens.index("stroke"))
    norm = normalize("I've had thoughts of ending it")
    assert not past_event(norm, norm.tokens.index("thoughts"), len(norm.tokens) - 1, cues=False)


def test_hypothetical_and_settled_framing():
    norm = normalize("what happens if a patient has an allergic reaction")
    assert hypothetical(norm, norm.tokens.index("allergic"))
    norm = normalize("I'm not sure if he's breathing")
    assert not hypothetical(norm, norm.tokens.index("breathing"))
    norm = normalize("there's a gas smell when I light the oven but it goes away")
    assert settled_after(norm, norm.tokens.index("smell"))
    norm = normalize("it bled and it stopped breathing")
    assert not settled_after(norm, norm.tokens.index("bled"))
    assert mild("a little swollen") and mild("sparks a tiny bit")
    assert not mild("a little toy piece") and not mild("kind of blue")


def test_other_detectors_hear_the_same_framing(detector):
    assert detector.settled("what do I do if my kid ever swallows a battery", "en")
    assert detector.settled("I want to kill the hold music, just kidding", "en")
    assert detector.settled("my son bit his tongue and it bled a little", "en")
    assert not detector.settled("the baby's lips are kind of blue", "en")


def test_a_hypothetical_about_the_caller_themself_still_counts_for_distress(detector):
    hit = detector.detect("what should I do if I feel like killing myself", "en")
    assert hit is not None and hit.category == "mental_health"
    assert detector.detect("what is your protocol if a patient is suicidal", "en") is None
