"""The templates and interview questions a new campaign starts with (our own wording).

Which person each template is about (see templates.context_for): the addressee, except
`intro_ask` and `intro_nudge`, which are about the person I hope to meet and go to the
mutual contact (`introducer`). `thank_introducer` and `keep_posted` are about the
connector they go to; the person I met is `interviewee`. A part between `[[` and `]]` is
left out when it misses a value (see domain.templates): the action items, or the call an
introduction was offered in.
"""

from __future__ import annotations

import dataclasses

from infoint_tui.domain.models import Campaign, Question, Template

_SIGNATURE = "{my_name}\n{my_phone} | {my_email}"

_TEMPLATES = [
    Template(
        "request_direct",
        "Request: someone I know",
        "Could I borrow 20 minutes of your time?",
        "Hi {first_name},\n\n"
        "I hope you're doing well. {my_pitch} At the moment I'm trying to learn more about "
        "{objective}, and your experience as {title} at {company} is exactly the kind of "
        "insight I'm looking for.\n\n"
        "Would you have 20 minutes for a short conversation in the next few weeks, by phone "
        "or over coffee? I'm not asking about job openings; I'd simply value hearing how "
        "you see things. Whatever day and time suits you works for me.\n\n"
        "Thank you,\n" + _SIGNATURE,
    ),
    Template(
        "intro_ask",
        "Introduction: ask the mutual contact",
        "Would you introduce me to {name}?",
        "Hi {introducer_first_name},\n\n"
        "[[Thank you again for our call on {interview_date}, and for suggesting I talk to "
        "{name}.]]\n\n"
        "I'm trying to learn more about {objective}, and I'd be grateful to hear about the "
        "experience of {name}[[, {title}]][[ at {company}]].\n\n"
        "Would you be comfortable forwarding my request below with a line of introduction? "
        "You're welcome to pass it on exactly as written.\n\n"
        "---\n"
        "Hi {first_name},\n\n"
        "We both know {introducer_first_name}, and I hope you don't mind this note reaching "
        "you through them. {my_pitch} I'm "
        "trying to learn more about {objective}, and I'd be grateful for 20 minutes of your "
        "time to hear about your work at {company}. This isn't a request for a job, just a "
        "chance to learn from someone who knows the field. I'm happy to work around your "
        "schedule.\n\n"
        "Thank you,\n" + _SIGNATURE + "\n---\n\n"
        "Thanks so much for considering it, and no pressure at all if the timing isn't "
        "right.\n\n"
        "Best,\n{my_first_name}",
    ),
    Template(
        "intro_nudge",
        "Introduction: gentle reminder to the mutual contact",
        "Re: Would you introduce me to {name}?",
        "Hi {introducer_first_name},\n\n"
        "A gentle nudge on my note about an introduction to {name} at {company}. I know "
        "how busy things get, so no worries if it slipped down the list.\n\n"
        "If you're comfortable making the connection, my request is in my earlier email "
        "and you can forward it as it is. If you'd rather not, that's completely fine; just "
        "let me know and I'll find another way to reach out.\n\n"
        "Thanks again,\n{my_first_name}",
    ),
    Template(
        "request_mention",
        "Request: naming our mutual contact",
        "A request from a connection of {introducer}",
        "Hi {first_name},\n\n"
        "We haven't met yet, but we have a mutual connection in {introducer}. {my_pitch} "
        "I'm trying to learn more about {objective}, and your role as {title} at {company} "
        "makes you someone I would really value hearing from.\n\n"
        "Would you be open to a 20-minute call or coffee in the coming weeks? I'm not "
        "asking about job openings; I'm hoping to understand the field from the inside, and "
        "I'll gladly fit around your calendar.\n\n"
        "Many thanks,\n" + _SIGNATURE,
    ),
    Template(
        "request_introduced",
        "Request: reply to the introduction",
        "Following {introducer_first_name}'s introduction",
        "Thank you for the introduction, {introducer_first_name}. I'll take it from here, so "
        "feel free to leave this thread.\n\n"
        "Hi {first_name}, it's good to meet you. {my_pitch} I'm trying to learn more about "
        "{objective}, and hearing how you see it as {title} at {company} would help me a "
        "great deal.\n\n"
        "Could we find 20 minutes in the coming weeks, by phone, video or over coffee? I'm "
        "not asking about job openings, only hoping to learn from your experience, and I'll "
        "gladly fit around your schedule.\n\n"
        "Thank you,\n" + _SIGNATURE,
    ),
    Template(
        "request_cold",
        "Request: someone I have no connection to",
        "A short request about your work at {company}",
        "Hi {first_name},\n\n"
        "I came across your profile while researching {company}, and I hope you don't "
        "mind a note out of the blue. {my_pitch} I'm trying to learn more about "
        "{objective}, and your experience as {title} would be a great help.\n\n"
        "Could I have 20 minutes of your time for a short call? I'm not looking for a job "
        "lead, only an honest view from someone who does the work. I'm happy to fit around "
        "your schedule, and I'll keep it brief.\n\n"
        "Thank you for considering it,\n" + _SIGNATURE,
    ),
    Template(
        "request_connection",
        "Request: a LinkedIn contact",
        "",
        "Hi {first_name}, we're connected on LinkedIn, and I'm learning about {objective}. "
        "Your view as {title} at {company} would help me a lot: could you spare 20 minutes "
        "for a call? I'm not asking for a job. Thank you, {my_name}",
        channel="linkedin",
    ),
    Template(
        "request_linkedin",
        "Request: LinkedIn connection note",
        "",
        "Hi {first_name}, I'm learning about {objective} and would value your view as "
        "{title} at {company}. Could we have a 20-minute chat? Not a job request, just "
        "hoping to learn from you. Thanks, {my_name}",
        channel="linkedin",
    ),
    Template(
        "follow_up",
        "Follow-up: no reply after a week",
        "Following up: 20 minutes to learn about your work",
        "Hi {first_name},\n\n"
        "I wanted to follow up on my earlier message in case it got buried. I'm still very "
        "keen to hear about your experience at {company} as I learn more about "
        "{objective}.\n\n"
        "If you could spare 20 minutes in the coming weeks, by phone or video, I'd be glad "
        "to work around whatever suits you. And if now isn't a good time, I completely "
        "understand.\n\n"
        "Thanks again,\n" + _SIGNATURE,
    ),
    Template(
        "voicemail",
        "Voicemail script (speak slowly)",
        "",
        "Hi {first_name}, this is {my_name}. I emailed you recently to ask for a short "
        "conversation: I'm learning about {objective}, and I'd be grateful for 20 minutes "
        "to hear about your work at {company}.\n\n"
        "You can reach me at {my_phone_slow}.\n\n"
        "Once more, this is {my_name}, at {my_phone_slow}. Thank you, and have a good day.",
        channel="voicemail",
    ),
    Template(
        "book_time",
        "They said yes: book a time that suits them",
        "Finding a time that works for you",
        "Hi {first_name},\n\n"
        "Thank you so much for agreeing to talk; I really appreciate it.\n\n"
        "I'd like to make this as easy as possible for you, so please choose whatever day "
        "and time suits you best and I'll fit around it. A phone call, a video call or a "
        "coffee near your office all work for me, and 20 to 30 minutes should be plenty.\n\n"
        "Once we've settled on a time, I'll send a calendar invitation.\n\n"
        "Looking forward to it,\n" + _SIGNATURE,
    ),
    Template(
        "thank_interviewer",
        "Thank-you: the person I interviewed",
        "Thank you for your time, {first_name}",
        "Hi {first_name},\n\n"
        "Thank you for taking the time to talk with me on {interview_date}. I especially "
        "valued our talk about {discussed}; it gave me a much clearer picture of "
        "{objective}.\n\n"
        "[[Here is where I stand on the suggestions you made:\n"
        "{action_items}]]\n\n"
        "I'll keep you posted on how things go. Thanks again for your generosity and "
        "advice.\n\n"
        "Warm regards,\n{my_name}",
    ),
    Template(
        "thank_introducer",
        "Thank-you: the contact who introduced us",
        "Thank you for introducing me to {interviewee}",
        "Hi {first_name},\n\n"
        "I wanted to let you know that I met with {interviewee} on {interview_date}, and I "
        "really enjoyed the conversation. Thank you so much for making the introduction; "
        "it wouldn't have happened without you.\n\n"
        "[[A few things I'm following up on as a result:\n"
        "{action_items}]]\n\n"
        "I'll keep you posted as things move forward. I'm grateful for your help.\n\n"
        "Best,\n{my_first_name}",
    ),
    Template(
        "thank_note",
        "Thank-you: handwritten card",
        "",
        "Dear {first_name},\n\n"
        "Thank you for the time and advice you gave me on {interview_date}. Our talk "
        "about {discussed} has stayed with me, and I'm already putting your suggestions "
        "to work.\n\n"
        "With gratitude,\n{my_name}",
        channel="letter",
    ),
    Template(
        "keep_posted",
        "Update: keeping a connector posted",
        "A quick update from {my_first_name}",
        "Hi {first_name},\n\n"
        "You've been a real help along the way, so I wanted to share how things are going. "
        "I'm still learning about {objective}, and the conversations so far have taught "
        "me a lot.\n\n"
        "My biggest takeaway lately: {takeaways}\n\n"
        "[[Where my next steps stand:\n"
        "{action_items}]]\n\n"
        "No request this time; I just wanted you to know. I hope all is well with you.\n\n"
        "Best,\n{my_first_name}",
    ),
    Template(
        "close_declined",
        "They said no: a courteous close",
        "Thank you for letting me know",
        "Hi {first_name},\n\n"
        "Thank you for getting back to me; I know how full your days are. I completely "
        "understand, and there are no hard feelings at all.\n\n"
        "If things change later on, I'd still be glad to hear about your work at {company}. "
        "Until then, all the best.\n\n"
        "Kind regards,\n{my_name}",
    ),
]

#: The default template for each key; a campaign may override any of them.
DEFAULT_TEMPLATES: dict[str, Template] = {template.key: template for template in _TEMPLATES}


def template_for(campaign: Campaign, key: str) -> Template:
    """The user's version of a template if they edited it, else a copy of the default.

    A copy, so that editing it never changes the shared default. Unknown keys raise KeyError.
    """
    if key in campaign.templates:
        return campaign.templates[key]
    return dataclasses.replace(DEFAULT_TEMPLATES[key])


def _questions(kind: str, *texts: str) -> list[Question]:
    return [Question(text, kind) for text in texts]


DEFAULT_QUESTIONS: list[Question] = [
    *_questions(
        "industry",
        "What do you see as the biggest advantages and drawbacks of working in this industry?",
        "How has the industry changed since you started, and where do you think it is heading?",
        "What challenges or trends are people in the field talking about right now?",
        "What do newcomers to this industry tend to underestimate?",
        "Which organizations do you think are doing the most interesting work in the field?",
        "How do people usually get into this industry, and is there a path you would recommend?",
        "Which publications, newsletters or associations help you keep up with the field?",
    ),
    *_questions(
        "company",
        "What is it really like to work here from day to day?",
        "How would you describe the culture, and where do you see it in practice?",
        "What does the company do especially well, and where is it still growing?",
        "How are decisions made, and how much room do people have to shape their own work?",
        "What kind of person thrives here, and who tends to find it harder?",
        "How does the company support learning and career growth?",
        "What surprised you most after you joined?",
    ),
    *_questions(
        "role",
        "What does a typical day or week look like in your role?",
        "What do you enjoy most about the work, and what is the hardest or least glamorous part of it?",
        "Which skills matter most for doing this job well?",
        "How did you get into this role, and what would you do differently if you were starting today?",
        "How is success measured in your position?",
        "Where do people in this role usually go next in their careers?",
        "What do people often misunderstand about this job?",
    ),
    *_questions(
        "general",
        "Is there anyone else you think I should talk to, and would you be comfortable introducing me?",
        "Based on what I have shared, what would you suggest I do next?",
        "What do you wish you had known when you were at my stage?",
        "Is there a question I should have asked but didn't?",
        "May I keep you posted on how my search goes?",
    ),
]
