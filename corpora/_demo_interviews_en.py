# ruff: noqa: E501  (data file: one statement per line)
"""English interview scripts for the Velora demo corpus (fictional, CC BY 4.0).

Each script is one turn per line: ``I:`` is the interviewer, ``P:`` the participant.
A line starting with ``+`` continues the previous turn as a new paragraph.
"""

from __future__ import annotations

__all__ = ["MARK", "PRIYA", "SOFIA"]

MARK = """
I: Okay, I think we're recording. Thanks for making the time, Mark.
P: No worries. Sorry, the dog might bark at some point, there's a delivery guy who comes round about now.
I: [laughs] That's fine. Could you start by telling me a bit about yourself?
P: Yeah, sure. So I'm Mark, I'm 39, I live in Bristol, Bishopston, and I work in IT for the council. Two kids, Ella is seven and Sam is four. And, um, we've had the Velora cargo bike since about February.
I: Which model is it?
P: The Cargo Duo. The long-tail one, with the bench on the back and the, uh, the footrests for the kids.
I: What made you start looking at cargo bikes in the first place?
P: Honestly? The school run. We had two cars and we were spending a fortune, and the school is like a mile and a half away but the traffic at half eight is just, it's horrible. And I kept seeing this one dad at the school gate with a cargo bike, kids on the back, both of them grinning. So I just went up to him one day and asked.
I: And he had a Velora?
P: Yeah, he did. He was really into it, he let Ella sit on the back for a bit. She wouldn't stop going on about it afterwards, so, you know. [laughs] That was kind of the decision made, really.
I: How did you go about choosing the bike itself?
P: I did a lot of reading. Forums, Trustpilot, a couple of YouTube reviews. Um, the frustrating thing was there's nowhere in Bristol to actually test ride one. I'd have had to go to London. So I took a bit of a punt, to be honest.
I: Was price a factor?
P: It was a big one. It's, what, forty-three hundred quid? That's a lot of money for a bike. But I sort of worked out that if we got rid of the second car it would pay for itself in about eighteen months. And the finance option helped, twelve months interest-free.
I: How was the ordering process?
P: Fine, actually. The website's nice. I used the chat before ordering, just to ask about the weight limit on the rear rack, and I got an answer straight away. Checkout was quick. No complaints there.
I: And then delivery?
P: [laughs] Oh boy. Right. So the website said three to five working days. I got the confirmation email, and then a tracking link, and the tracking said "label created". And it said "label created" for, I think, ten days. Just sat there. No updates, nothing.
I: Did you contact Velora?
P: I tried. So I went on the chat again, same chat as before, but this time it was, like, a bot. I typed "where is my order" and it gave me a link to the delivery FAQ. I said "the tracking hasn't updated in a week" and it gave me the same link. I asked for a human and it said "I'm sorry, I didn't understand that. Here are some articles that might help." And round and round we went.
I: How did that make you feel?
P: Honestly, a bit stupid for having spent four grand. Like, I'd just given this company a huge amount of money and I couldn't get a person to tell me where my bike was. I was starting to wonder if I'd been scammed, to be honest. My wife definitely thought I'd been scammed. [laughs]
I: How did it get resolved?
P: I rang the phone line eventually. Waited about half an hour. The guy was apologetic, he said the courier had a backlog and they'd had a lot of cargo bikes stuck at the depot. It turned up about three weeks after I ordered, in the end. On a Saturday, with no warning, while we were out. Luckily the neighbour took it in.
I: What was it like when it arrived?
P: Massive box. [laughs] Massive. And then the assembly, that was the other bit that wasn't great.
I: Tell me about that.
P: So it's mostly built, but you have to put the front wheel on, the handlebars, the pedals and the kid stuff, the bench and the footrests. And the instructions are just diagrams. No words. And step seven, the footrest bracket, I could not work out which way round it went. There's no torque values, there's a bag of bolts with no labels, and one of them didn't seem to go anywhere.
I: How long did it take you?
P: An afternoon. Probably four hours, with a lot of swearing. In the end I found a video someone had made, not even an official Velora one, just some guy in his garage, and that sorted it. But when you're putting your kids on the back of something you really want to know you've done it right.
I: That's an important point. Did you get it checked?
P: Yeah, I booked it in with the repair partner in Bristol, just for peace of mind. But the earliest appointment was three weeks away. So we rode it for three weeks not being totally sure. Which, looking back, wasn't ideal.
I: And when you did get it checked?
P: The mechanic was brilliant. Really nice guy. He went over everything, found I'd over-tightened one of the bracket bolts, sorted it, and showed me how to adjust the brakes. He didn't make me feel like an idiot for getting it wrong, which I appreciated.
I: Let's talk about actually using the bike. What's a typical day like?
P: So, school run in the morning, both kids on the back. Ten minutes door to door. Then I ride on to work, drop the bike at the office. In the evening, same again in reverse. At weekends we go down to the harbourside or out to Ashton Court.
I: How does it feel to ride?
P: Really solid. Honestly, it's the best purchase we've made in years. It's stable even with both kids fidgeting on the back, the motor gets us up Gloucester Road without breaking a sweat, and the brakes are really confident. The kids call it "the bus". [laughs]
I: [laughs] That's lovely. Did you get rid of the second car?
P: We did, in April. So that part of the plan worked out.
I: Do you use the Velora app?
P: A bit. Battery level, mostly. It's fine. Once I had to log in again after an update and the password reset email took about an hour to arrive, which was annoying, but it's not a big deal for me.
I: Have you signed up for Velora Care?
P: No. I looked at it but I couldn't work out what it covered that the warranty didn't. The page is a bit vague. And I've heard a few people at school complain about the billing, being charged twice and that, so I've stayed away.
I: Have you recommended Velora to anyone?
P: Oh yeah, loads. There are now, what, three other families at school with the same bike. We've become a bit of a gang. [laughs] I always tell them, the bike's great, but don't expect the delivery date to be accurate, and watch a video before you build it.
I: If you had to score Velora from zero to ten?
P: Hmm. For the bike, nine. For the whole experience, maybe a six. The first month was stressful.
I: What's the one thing Velora should fix?
P: Communication. Tell me when something's late. Give me a real person when the bot doesn't understand. Honestly, if someone had emailed me on day five saying "sorry, there's a delay, here's the new date", I'd have been totally fine.
I: Would you buy from Velora again?
P: Probably, yeah. When Sam's old enough we'll probably need a second bike. I'd just go in with my eyes open.
I: Great. Anything else you want to add before we wrap up?
P: Um, no, I think that's it. Oh, actually, the rain cover for the back is brilliant. Bristol, you know. [laughs]
I: [laughs] Good to know. Thanks so much, Mark, this was really helpful.
P: No problem at all. Cheers.
"""

SOFIA = """
I: Hi Sofia, thanks for joining. Can you hear me okay?
P: Yep, loud and clear. Sorry, I've just come back from a ride, so excuse the outfit. [laughs]
I: No problem at all. To start, could you tell me a little bit about yourself?
P: Sure. I'm Sofia, I'm 29, I'm a physiotherapist in Dublin. And I'm pretty obsessed with cycling, mostly road and gravel. I race a bit, nothing serious, mostly sportives and the odd gravel event.
I: And you ride a Velora?
P: I do, the Gravel GX. The carbon one, not electric. I bought it in April.
I: How did you first come across Velora?
P: Um, through my club, I think? A couple of people had the GX and they were raving about it. And then I saw a YouTube review that was really positive on the geometry, and I started following them on Instagram.
I: What were you comparing it with?
P: Oh, everything. [laughs] I had like a spreadsheet. Stack, reach, tyre clearance, weight, groupset. The GX was competitive on all of it and a few hundred euro cheaper than the big brands.
I: How did you find the information on the website?
P: Really good, actually. The geometry charts are all there, which, you'd be surprised how many brands hide that. And the size guide was honestly the best I've used. It asks your height and inseam and arm length, and then it shows you where you sit between two sizes and why. I was between a 52 and a 54 and it explained that the 52 would be more aggressive. Spot on.
I: So you went for the 52?
P: Yep. And it fits perfectly, didn't need to change the stem or anything.
I: How was the purchase?
P: Easy. I had a discount code from the club, it worked first time. Paid by card, done in five minutes.
I: And delivery?
P: Super fast. Two days. I ordered on a Tuesday and it was here on Thursday. And the tracking was updating all the way, I could see it going from the warehouse to the ferry to Dublin. Really impressive.
I: And when it arrived?
P: It came like ninety-five percent built. Put the bars on, pedals, pumped the tyres, done. There's a torque wrench in the box, which is a nice touch. I was out riding within half an hour.
I: How has the bike been, to ride?
P: Honestly, it's the best bike I've owned. It's stiff where it needs to be but it doesn't beat you up on the gravel. I did the Wicklow two-hundred on it in June and I felt fresh at the end. The handling on the descents is just, it's lovely. Really confidence-inspiring.
I: That's great to hear. Has anything not gone so well?
P: Yeah. [laughs] The returns. So I ordered a set of carbon wheels as an upgrade from the Velora site, and the site said they were compatible with the GX. They weren't, the axle spacing was wrong. So I sent them back.
I: What happened with the return?
P: It took forever. First the return label took four days to arrive by email. Then I shipped them back, and the tracking showed they were delivered to the warehouse. And then, nothing. Weeks. The refund took five weeks in the end. Nearly nine hundred euro, just sitting somewhere.
I: Did you chase it?
P: Four times. The first couple of times I used the chat, and that was, ugh, it's a bot, and it kept asking me for my order number and then telling me refunds take up to fourteen days. Which, fine, but it had been three weeks at that point. I couldn't get it to hand me over to an actual person.
I: How did you eventually get through?
P: Email. Someone replied after a few days, apologised, said there was a backlog in the returns department, and the refund came a week later. But it really soured things for a while. I'd been telling everyone how great Velora was and then, yeah.
I: Do you use the Velora app?
P: Not really. I use Strava and my bike computer. I downloaded the Velora app once but it's clearly made for the e-bikes. And it logged me out every time I opened it, so I deleted it.
I: Have you used the repair partners?
P: Once. I wanted a service before a big event in August, and I tried to book with the partner shop in Dublin, and the earliest they could do was two and a half weeks out. Which was after the event. So I went to my local independent shop instead, and they did it the next day.
I: How did you feel about that?
P: Bit disappointed? The whole point of the partner network is supposed to be convenience. But I get it, it was summer, everyone's bikes need fixing.
I: Do you have a Velora Care plan?
P: No. I looked at it, but it seems aimed at commuters, you know, people who want someone else to look after the bike. I do my own maintenance mostly.
I: Have you recommended Velora to anyone?
P: Yeah, two people from the club bought the GX after riding mine. And I'd still recommend the bike, one hundred percent. I just tell people, if you need to return something, be patient.
I: On a scale of nought to ten, how likely are you to recommend Velora?
P: Eight. It would be ten for the bike alone. The refund thing drags it down.
I: If you could change one thing?
P: Refunds. Make them faster. Or at least tell me what's happening. And put a human on the chat when the bot doesn't know.
I: Great. And are you riding anything this weekend?
P: There's a gravel event in Kilkenny on Sunday. Hoping the weather holds. [laughs]
I: Good luck! Anything else you'd like to add?
P: No, I think that's everything. Oh, the bottle cages that come with it are a bit rattly. Minor thing.
I: Noted. Thank you so much, Sofia.
P: Thanks, bye!
"""

PRIYA = """
I: Hi Priya, thanks so much for joining us today. Is the audio okay on your side?
P: Yes, I can hear you fine. Hi!
I: Great. Could you start by introducing yourself?
P: Sure. I'm Priya, I'm 38, I'm an accountant, and I live in Walthamstow in east London. I commute into the City, so about eight miles each way.
I: And how long have you had your Velora?
P: Since June. It's an Urbano E5. My first e-bike, actually, my first bike as an adult really.
I: What made you think about getting an e-bike?
P: The Tube strikes, honestly. [laughs] And I'd been feeling pretty unfit since the pandemic. I didn't fancy arriving at work drenched in sweat, so the electric part was a must.
I: How did you first hear about Velora?
P: Instagram. I kept getting their adverts, the ones with people riding along the canal. And then there was a big poster at Liverpool Street. I think I saw it enough times that it stuck.
I: What did you consider before buying?
P: Um, I was worried about a few things. Theft, mainly, in London. And weight, because I live on the second floor and there's no lift. And I'd never bought a bike before, so I didn't really know what size I was.
I: How did you work out the size?
P: The size guide on the website. It was really easy, you put your height and your inside leg, and it told me a small. It had little drawings of how you should sit. I felt quite reassured by that.
I: And the other worries, theft and weight?
P: I used the chat before buying, actually. At that time it was a real person, I think, called Tom. He told me the battery comes out, so the bike is lighter to carry, and that the app has a motor lock. So that settled it.
I: And the purchase itself?
P: Fine. I paid in three instalments. The only hiccup was the discount code from the Instagram ad didn't work at checkout, I had to email them and they refunded the difference. But they were quick about it.
I: How was the delivery?
P: Brilliant. I chose a next-day slot, they gave me a two-hour window, and the driver texted me when he was ten minutes away. He even carried the box up the stairs for me, which I was not expecting. Really lovely.
I: And then setting it up?
P: So this is the bit I really want to mention. Velora offered a free onboarding video call. I booked it for the next evening. A woman called Léa, she was brilliant. She walked me through everything: fitting the pedals, setting the saddle height, charging the battery, the different assistance modes. And she watched me do it on camera and told me when I had something wrong.
I: What stood out about that call?
P: That I didn't feel stupid. I'd never done anything like that before and she was so patient. By the end I felt confident enough to ride to work the next morning. Honestly, that call is the main reason I'm still riding.
I: That's great to hear. And what about the Velora app?
P: Ugh. [laughs] The app.
I: Tell me about it.
P: Logging in is a nightmare. It uses these magic link emails, and they take ages to arrive, sometimes twenty minutes. And then if you click the link on your laptop instead of your phone it doesn't work. And it logs me out about once a week for no reason.
I: Have you had other problems with it?
P: When I got a new phone in August, I couldn't log in at all. It kept saying "account already active on another device". I contacted support, and the chatbot just sent me the same help article about resetting my password three times. I don't want to reset my password, I want to log in!
I: How did that get sorted out?
P: I rang them. The phone support was good, to be fair, once I got through. About fifteen minutes' wait. The man reset something on his end and it worked. But I shouldn't have to phone someone to log into an app.
I: Absolutely. How do you use the bike day to day?
P: Every working day, unless it's pouring. Along the canal, through Hackney, into the City. Forty minutes. It's the best part of my day, genuinely. I arrive at work awake and happy.
I: Have you had any problems with the bike itself?
P: No, touch wood. It's been really reliable. The ride is smooth, the motor is quiet. My colleagues keep asking me about it.
I: Have you returned anything to Velora?
P: Yes, a helmet and a pannier bag I bought at the same time. The helmet was too big and the pannier didn't clip on properly. I sent both back at the start of July and it took nearly four weeks to get my money back. The website says five to seven days.
I: What did you do in the meantime?
P: I emailed twice. The first time I got an automatic reply. The second time someone said it was "being processed". It was only about seventy pounds, but still, four weeks.
I: Do you have a Velora Care plan?
P: Yes, the basic one. I haven't really used it yet, the first service is due in December. The billing has been fine for me, it's the same amount every month.
I: Have you recommended Velora to anyone?
P: Two people at work have bought one since. I told them to book the video call, definitely. And I showed them the size guide.
I: How likely would you be to recommend Velora, on a scale of zero to ten?
P: Nine, I think. The app is the only real let-down. And the refund, a bit.
I: If you could ask Velora to change one thing, what would it be?
P: Fix the login. Just let me use a normal password, or Face ID, or something that works.
I: Thank you. Before we finish, is there anything we haven't covered?
P: Maybe that I'd like some kind of community, like group rides for beginners? I'd go to that.
I: That's a great idea. Thanks so much for your time, Priya.
P: Thank you! Bye.
"""
