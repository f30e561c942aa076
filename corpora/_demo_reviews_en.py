# ruff: noqa: E501  (data file: one statement per line)
"""English reviews for the Velora demo corpus (fictional, CC BY 4.0).

One review per line: ``rating|channel|title|text[|from[..to]]``, where the optional
ISO dates bound the review date when the text names a month. Channel codes:
a = app store, w = website, g = google, t = trustpilot.
"""

from __future__ import annotations

__all__ = ["REVIEWS_EN"]

REVIEWS_EN = """
1|t|Where is my bike??|Ordered three weeks ago, was told 3-5 working days. Tracking hasn't changed since the day I ordered. Nobody replies to emails. Avoid.
2|t|Great bike, terrible delivery|The bike itself is lovely but it turned up 12 days late and I had zero updates in between. I took a day off work for the original date for nothing.
1|g||Tracking stuck on "label created" for 9 days. Chat bot just sends FAQ links. Phoned and waited 45 mins. Not impressed at all.
2|t|No communication|Delivery was late by over a week. Not the end of the world, but nobody told me. I found out by chasing them myself.
1|t|Delivery is a joke|Paid over £2k and had to beg for information about where my bike was. The courier said they never got it, Velora said it was with the courier. Still waiting.
3|t|Late but worth it|Took two and a half weeks to arrive instead of five days, and the tracking link was useless. Once it arrived though, the bike is fantastic.
2|g||Delivery window came and went, no call, no email. Eventually arrived on a Saturday when nobody was home. Left at the neighbours. Bike ok.
1|t|Still no bike after a month|I ordered the Urbano E7 on 3 March. It's now 4 April. The tracking page says "in preparation". I've emailed 5 times. If I don't hear back this week I'm going to my bank.|2026-04-04..2026-04-04
2|w|Shame about delivery|Beautiful bike but the delivery experience let it down. The estimated date moved three times and I only knew because I checked the website myself.
1|t|Not a serious company|Delivery two weeks late with no tracking updates, then they sent the wrong size. I'm done.
3|g||Bike arrived 10 days after the promised date. Tracking never worked. The bike is very good tho.
2|t|Tracking doesn't track|The tracking link showed the same status for 11 days. When I finally got through on the phone they told me it had been at the depot the whole time. Why not just say that?
1|t|Ghosted after paying|Money taken immediately, then silence. No dispatch email, no tracking, no reply on chat. Three weeks later the bike shows up with no warning. Sort your logistics out.
3|w|Good bike, slow shipping|The cargo bike is solid and the kids love it. Shipping took nearly a month and I had to keep asking for updates.
2|g||Waited in all day for a delivery that never came. No text, no email. Rescheduled twice.
1|t|Worst delivery experience ever|Honestly the worst online purchase experience I've had. Delivery dates mean nothing, tracking is fiction, and customer service is a bot.
2|t|Delays delays delays|My order was "delayed" three times without explanation. I'd have understood a delay if someone had just told me the truth.
3|g||Delivery took a while and updates were non existent, but the bike was worth the wait.
2|w|Frustrating wait|Stated delivery 5 days, actual delivery 19 days. Not a single proactive update. The product is great which is the only reason for 2 stars.
1|t|Disappointed|Bike never arrived on the date given. Tracking said delivered, it wasn't. Spent a week sorting it out.
2|t|Should have read the reviews|Everyone said the delivery would be late and it was. 16 days late, no tracking updates. At least I wasn't surprised.
3|g||Late delivery. Nice bike.
1|t|Money gone, no bike|Paid in full 4 weeks ago. No bike, no refund, no answer. I've now opened a dispute with my card provider.
2|w|Arrived late and scratched|Two weeks late, box battered, a scratch on the top tube. The bike rides well but first impressions matter.
1|t|Refund nightmare|Returned my bike within the 30 days (unopened!). Six weeks later still no refund. Every email gets a copy-paste reply saying it's "being processed".
2|t|Slow refunds|Returned a helmet that was too big. The return label took 5 days and the refund another 4 weeks. For a £60 helmet. Ridiculous.
1|g||Sent back a faulty charger in May. It's now July and no refund. Avoid if you ever need to return anything.|2026-07-01..2026-07-31
2|t|Returns process needs work|The website says refunds take 5-7 days. Mine took 31 days and I had to call three times.
1|t|Still waiting for £900|Returned a wheelset that the site said was compatible (it wasn't). They received it on the 2nd of June. Refund arrived on the 10th of July after I threatened a chargeback.|2026-07-10
3|t|Good product, bad returns|Love the bike, but I returned some panniers and waited nearly a month for the money. Customer service kept saying "within 14 days" long after 14 days had passed.
1|w|Cancelled order, no refund|I cancelled my order before it even shipped and I'm still waiting for my money back after three weeks. How does that take three weeks?
2|g||Refund took forever and nobody could tell me why. Bike itself was fine but too big for me.
1|t|Never again|The bike arrived damaged. They agreed to a return. The courier didn't show up to collect it twice. It took two months in total to get my money back.
2|t|Refunds are way too slow|I appreciate that returns need to be checked but five weeks is not acceptable when you take the payment instantly.
1|t|Terrible after-sales|Returned an e-bike, refund took 7 weeks. Emails unanswered. Chat bot useless. Phone line busy. I have no idea how this company is still trading.
3|w|Mixed experience|Ordered two bikes, kept one, returned one. The one we kept is brilliant. The refund for the other one took almost five weeks which was stressful.
2|g||Return was easy to request but getting the money back took ages. Had to chase by email four times.
1|t|Holding my money hostage|Returned item received by their warehouse 29 days ago (I have proof). Refund "pending". Unacceptable.
2|t|Refund took a month|I had to send back a rear rack that didn't fit. Simple return, took a month to refund. Wouldn't buy accessories from them again.
3|g||Refund came in the end, after about 4 weeks. Communication could be much better.
1|a|Crashes when pairing|App crashes every single time I try to pair the battery. Pixel 8, latest Android. Uninstalled and reinstalled 4 times. Useless.
1|a|Can't connect to my bike|The app closes as soon as I press "connect battery". So I can't use the motor lock or see the battery level. Fix this please.
2|a|Buggy|Crashes constantly during bike pairing. When it does work it's fine but getting there takes forever.
1|a|Login broken|Can't log in. The magic link email never arrives, or arrives 30 minutes later and has expired. Tried for three days.
1|a|Keeps logging me out|Every few days it logs me out and I have to go through the whole verification again. The SMS code doesn't come through half the time.
2|a|Pairing is a nightmare|Took me an entire evening to get the battery to pair. App froze, crashed, froze again. Eventually worked after restarting the bike and my phone twice.
1|a|Broken after update|Since the last update the app crashes on launch. Before that it was working fine. Now I can't change assist modes.
3|a|Fine when it works|Good for checking battery level and trip stats. But pairing the bike took ages and it randomly logs me out.
1|a|Unusable on Android|Crash on pairing, crash on opening settings, crash on firmware update. Is anyone testing this on Android?
2|a|Login loop|I log in, it asks me to verify my email, I verify, it sends me back to the login screen. Round and round.
1|a|app wont pair|wont pair with my E5 battery, tried everything in the help page. support chat is a bot that sends the same help page
2|a|Needs work|Battery pairing failed repeatedly. Bluetooth connection drops mid-ride so the stats are wrong. It's a shame because the bike is excellent.
1|a|Locked out|New phone, can't log in. "Account active on another device." The only device is the one in my hand.
3|a|OK app|Does the basics. Crashed twice while pairing the battery but it's been stable since.
1|a|Rubbish|App crashes when I try to connect the battery. What's the point of a smart bike with a dumb app.
2|a|Frustrating pairing|You need the app to pair the battery and the app can't pair the battery. Good luck.
1|a|Can't sign in|Password reset emails never arrive. Tried three different email addresses. I've given up on the app.
2|a|Crashes on iPhone too|Not just Android - crashes on my iPhone 13 too when pairing. Took 8 attempts.
1|g||The e-bike is fine but the app is a disaster. Crashes when pairing, logs you out, and the motor lock only works through the app.
3|a|Decent but flaky|Love seeing my commute stats. Hate that the app crashes every time I try to reconnect the battery after charging it.
2|w|App lets the bike down|The bike is 5 stars. The app is 1 star. Pairing the battery took me five attempts and a factory reset.
1|a|Doesn't even open|Opens for a second then closes. Reinstalled, same thing.
2|a|SMS code never arrives|Can't finish logging in because the 2FA code never comes. I've waited, resent, waited.
1|a|Please fix pairing|Three weeks since the update and still crashing during pairing. Support says a fix is "coming soon".
1|t|Support is a chatbot that goes in circles|Had a simple question about my order. The bot asked for my order number, then sent me an FAQ, then asked for my order number again. No way to reach a human.
2|t|Can't talk to a person|The chat bot doesn't understand anything beyond "where is my order". Phone lines have a 40 minute wait. Email replies take a week.
1|t|Useless support|I typed "speak to a human" 6 times. The bot kept suggesting articles. Gave up.
2|g||Customer service is almost impossible to reach. The bot loops and the phone just rings.
1|t|Chatbot hell|If your question isn't in the FAQ, there's no way to get help. The bot just loops back to the start. Terrible for such an expensive product.
2|w|Bot instead of people|Before I bought, the chat was a real person and really helpful. After I bought, it's a bot that can't answer anything. Feels like a bait and switch.
1|t|No human support|My battery stopped charging. The chat bot told me to turn it off and on again, three times. No option to escalate. Phoned, 50 min wait, call dropped.
3|t|Great bike, support needs humans|Bike is excellent. But when something goes wrong you're stuck with a chatbot that doesn't understand you.
1|g||Impossible to get through to anyone. The online chat is a robot, the phone is engaged, emails ignored.
2|t|Support loop|"I'm sorry, I didn't understand that. Here are some articles that might help." If I see that sentence one more time...
1|t|Automated to death|The bot sends you a link, the link says contact support, contact support opens the bot. I wish I was joking.
2|t|Hard to get help|Took 4 days to get a human to look at my problem. Everything goes through the bot first.
1|t|Charged twice|I was charged twice for Velora Care in July and again in August. It took a month of emails to get a refund.|2026-08-05
1|t|Can't cancel Velora Care|There is no way to cancel the subscription online. The button in the app leads to a blank page. I had to call, and they still charged me the next month.
2|t|Confusing subscription|What exactly does Velora Care cover? I'm paying £9.99 a month and then got an extra "annual fee" I never agreed to.
1|g||Velora Care+ took money from my account twice in one week. Still waiting for one of them back.
2|w|Subscription billing is a mess|Three different names on my bank statement, invoice and app for the same subscription. Double charged once. Cancelled and charged again.
1|t|Subscription trap|Signing up for Velora Care takes one click. Cancelling takes three phone calls and a letter. Shameful.
2|t|Don't bother with Care+|Paid for Care+ for the loan bike. Needed it twice, never available either time. And they billed me twice in June.|2026-06-15
1|t|Billing errors|Charged twice, refunded once. Still missing £19.99. Every email gets a different answer.
3|w|Care plan unclear|The annual service is good value, but the billing is confusing. I didn't know about the sign-up fee until I saw it on my statement.
1|t|Cancelled but still charged|I cancelled Velora Care by phone in May, got a confirmation, and was still charged in June and July. Had to block the payment with my bank.|2026-07-05
2|g||The Velora Care subscription is hard to understand and even harder to cancel. Bike good though.
1|t|Double charged and ignored|Double charged for the maintenance plan and nobody answered my emails for 12 days.
2|t|Don't understand my bill|I pay monthly for Velora Care but there was a separate charge for "premium service" too. Nobody could explain what it was.
3|w|Good bike, confusing extras|Bike is great. I regret adding Velora Care at checkout, the charges are not clear and I can't find how to cancel.
2|w|Instructions are just pictures|The assembly manual has no words, just tiny diagrams. Took me three hours to fit the front rack and I'm still not sure it's right.
3|t|Assembly was harder than expected|"Easy 20 minute setup" they said. Two hours and a YouTube video later I got there. Clearer instructions would help.
2|g||Assembly instructions unclear. Missing a bolt for the kickstand. Had to buy one at a hardware store.
2|w|Cargo bike assembly is confusing|Step 7 of the instructions (footrest bracket) makes no sense. No torque values, unlabelled bolts. For a bike that carries kids that's not good enough.
3|w|Nice bike, bad manual|Love the bike, but the manual is useless. Which way round does the mudguard go? No idea. Figured it out eventually.
2|t|Left pedal??|Nobody tells you the left pedal has a reverse thread. Nearly stripped it. The instructions should say this in big letters.
3|g||Setup took longer than expected because the instructions were vague, but the bike rides beautifully.
2|w|Where are the words?|Instructions have zero text. I'm an engineer and I struggled. My dad would have no chance.
3|w|Assembly ok with video|The paper instructions are not great but there's a good unofficial video online. Velora should make their own.
2|t|Pieces missing|Bag of screws had no labels and one screw was missing. Instructions didn't help at all.
3|g||The printed manual is poor. Took a while to assemble the handlebars correctly. Bike itself superb.
2|t|Months for a service|Booked my first service with the repair partner. Earliest slot: 4 weeks. Meanwhile my brakes squeak like crazy.
3|g||Great bike but the local repair partner is booked solid for weeks. Had to use an independent shop.
2|t|Repair partner network too small|Only one partner shop in my city and they have a 3 week waiting list. What's the point of Velora Care if you can't get an appointment?
3|w|Long wait for servicing|The mechanic was good once I got there, but I waited almost a month for an appointment.
2|t|No appointments|Tried to book a puncture repair and gearing check. First available appointment in 19 days. I ride to work every day, I can't wait 19 days.
2|g||Waited 3 weeks for a repair slot in Manchester. The loan bike promised with Care+ was "not available".
3|t|Service quality good, availability poor|Partner mechanic did a great job, but you have to book weeks ahead. In summer it's impossible.
2|w|Repair wait times|Motor error code on my Crest. Repair partner couldn't see me for 3 weeks, and Velora couldn't speed it up.
3|g||Appointment took ages to get but the repair was done well.
5|g||The mechanic at the partner shop was brilliant. Explained everything, fixed my brakes in 15 minutes and showed me how to do it myself next time.
5|t|Fantastic in-store service|Took my Urbano in for its first service. The mechanic was friendly, knowledgeable and didn't try to upsell me anything.
5|g||Great experience at the Velora partner workshop in Leeds. Really helpful staff, bike running like new.
4|g||Friendly mechanic, quick service, fair price. Booking was a bit slow but the visit itself was excellent.
5|t|Shout out to the mechanic|The guy at the Brighton partner shop spent half an hour showing me how to look after my e-bike. Above and beyond.
5|g||Had a puncture on the way to work, popped into the partner shop and they fixed it while I had a coffee. Legends.
5|w|Brilliant service at the partner shop|The mechanic adjusted my gears, checked the battery health and gave me tips for winter riding. Really impressed.
4|g||Staff at the repair partner were very patient and friendly. Explained what was wrong in plain English.
5|t|Mechanic saved my weekend|Broke a spoke the day before a trip. The partner mechanic squeezed me in and had it fixed in an hour. Thank you!
5|g||Knowledgeable, friendly, honest. The repair partner told me I didn't need the expensive part I thought I needed.
5|t|Super fast delivery|Ordered on Monday, arrived Wednesday. Tracking was updated every step of the way. Very impressed.
5|w|Next day delivery!|Didn't expect next day delivery on a bike. Driver was friendly and carried it upstairs. 10/10.
5|t|Quick and easy|Ordered, arrived in two days, nearly fully assembled. Riding it the same evening.
4|g||Delivery was quick and the driver called ahead. Box was huge but the bike was well protected.
5|t|Arrived early!|Was told 5 days, arrived in 3. Packaging was excellent, not a scratch on it.
5|w|Smooth from start to finish|Easy website, fast delivery, bike was 95% assembled. Out riding within 30 minutes of it arriving.
4|t|Fast delivery, good bike|Delivery in 48 hours. The bike is great, just a slight rattle from the mudguard I need to sort.
5|g||The delivery driver was fantastic, texted me 15 minutes before arriving and helped me unbox it.
5|t|Impressed with the speed|Two days from order to my door, with live tracking. Other online retailers should take note.
5|w|Delivered on time, as promised|Exactly on the day they said, within the time slot. Great communication.
4|t|Quick delivery|Came quicker than expected. The bike is a lot heavier than I thought, but rides really nicely.
5|g||Super quick delivery to Cork, well packed, and everything was there.
5|t|Best bike I've owned|The Gravel GX is light, stiff and comfortable. I've done 3,000 km on it and it still feels amazing.
5|g||Absolutely love my Urbano. Smooth motor, great brakes, comfortable saddle. My commute is now the best part of my day.
5|w|Game changer for the school run|Our Cargo Duo has replaced the car for the school run. Kids love it, I love it, even the dog loves it.
5|t|Quality you can feel|Solid frame, quality components, beautiful paint. Feels like a bike that costs twice as much.
4|w|Really happy|Great ride quality and the battery lasts all week for my commute. The stand is a bit flimsy.
5|t|Worth every penny|Was nervous about spending this much on a bike but it's been worth it. I ride every day.
5|w|So much fun|I haven't enjoyed cycling this much since I was a kid. The assist is smooth and natural, not jerky at all.
5|g||Climbs like a goat. The Crest E9 motor is incredible on steep trails.
4|t|Great e-bike|Comfortable, quick, reliable. Took a star off because the app is annoying, but the bike itself is fab.
5|w|Love it|Love it love it love it. Best thing I've bought this year.
5|t|Lost 6kg commuting|Been riding my Velora to work for four months. Lost 6kg, saved a fortune on train fares, and I'm in a much better mood.
5|g||I'm 67 and hadn't cycled in 30 years. This bike has given me my freedom back. Hills are no problem.
4|w|Excellent bike|Really well built and lovely to ride. Wish the lights were a bit brighter.
5|t|Cargo bike heaven|Two kids and the shopping, up a steep hill, no problem. Stable and safe. Couldn't be happier.
5|w|Smooth ride|The suspension seatpost makes such a difference on London roads. Very comfortable.
4|g||Great bike, good range. Would be 5 stars if the app was better.
5|t|Quality bike|Built like a tank but rides like a feather. Highly recommend.
5|w|Brilliant bike|The Urbano E7 is gorgeous. People stop me to ask about it.
5|t|Onboarding call was amazing|I'd never owned an e-bike. The free onboarding video call walked me through everything. The advisor was patient and kind. I felt confident after 30 minutes.
5|w|Great welcome|Loved the setup video call. Really personal touch, the adviser checked my saddle height on camera and showed me the assist modes.
5|t|Best customer experience|The onboarding call was the best customer experience I've had with any company. Why doesn't everyone do this?
4|w|Helpful setup call|The video call helped me set up the bike properly. Only wish I could have booked it a bit sooner.
5|g||At 72 I was nervous about an electric bike. The onboarding call made it all simple. Lovely young lady, very patient.
5|t|Made me feel confident|First e-bike, first bike in years. The onboarding session was reassuring and practical. Highly recommend booking it.
5|w|Personal touch|Didn't expect a real person to walk me through setting up my bike over video. Really nice.
4|t|Good start|The onboarding call was great, the delivery was on time. Early days but very positive so far.
5|w|Size guide is brilliant|Never bought a bike online before and was worried about the size. The size guide was so easy and the bike fits perfectly.
4|w|Easy sizing|The size guide asked a couple of questions and recommended a medium. Spot on.
5|t|Fits like a glove|The online size guide is the best I've seen. Explained why I was between sizes and which one to pick for my riding style.
5|w|Easy to choose|Height, inside leg, done. Size guide recommended the right size for me and my husband.
4|g||Easy to order and the sizing tool made it simple to choose the right frame.
5|w|Size guide + chat = perfect|Used the size guide then double-checked on chat before ordering. Perfect fit.
5|t|No guesswork|I'm 1.62m and always struggle with bike sizes. The Velora size guide got it right first time.
4|w|Good sizing help|Clear size guide and geometry charts. Would be nice to have a test ride option outside London.
3|t|Brilliant bike, awful service|I can't fault the bike, it's superb. But delivery was late, the app crashes and the chat is a bot. Three stars is generous.
3|w|Half great, half not|Delivery was fast and the bike is great. Then I tried the app: login problems, pairing crashes. So, half great.
4|t|Good overall|Bike is great, delivery was 4 days late but they did let me know. Assembly instructions could be clearer.
3|g||Lovely bike. Customer service is slow. Repair partner was great once I finally got an appointment.
3|t|Mixed bag|Fast delivery, great onboarding call, but I was double charged for Velora Care and it took 3 weeks to sort out.
4|t|Nearly perfect|The bike is excellent and the mechanic at the partner shop is great. Only downside is the app logging me out all the time.
3|w|Good bike, needs better after-sales|Love the ride. Hated returning an accessory: refund took a month.
2|t|Bike 5 stars, company 1 star|I'd give the bike five stars and the company one. Late delivery, slow refund, robotic support. Averaging to 2.
3|t|It's complicated|The e-bike is fantastic. The service around it is not. Expect delays and a lot of chasing.
4|g||Great bike, helpful shop staff. Delivery was a little late.
3|w|Decent but not without issues|Bike fine, assembly confusing, app buggy. Support took a while but sorted it in the end.
4|t|Happy but...|Happy with the bike, the onboarding, the delivery. Not happy that cancelling Velora Care requires a phone call.
3|t|Love the bike, hate the app|Really that's the whole review. The bike is lovely, the app crashes when you pair the battery.
4|g||Bike is superb. Booking a service took a while. Staff were friendly.
3|w|Great value, slow refunds|Good bike for the price. Returned a rack and waited over three weeks for the refund.
3|t|Not bad|It's a nice bike. Took a while to arrive and the instructions were not great, but no major complaints.
4|w|Commuting made easy|It does the job. Battery range is around 60km for me. Mudguards rattle a bit.
3|g||Average. The bike's fine, the price is a bit high for what you get.
4|w|Good but pricey accessories|The bike is great value but the accessories (lights, lock, panniers) are expensive compared to other shops.
3|t|Colour not as pictured|The "sage green" is much greyer in real life. Otherwise fine.
4|g||Good bike. Wish they had a showroom in Manchester so I could try before buying.
3|w|Heavy|It's a lovely bike but quite heavy to carry up stairs. Check the weight if you live in a flat.
4|t|Solid choice|Did a lot of research and went with Velora. No regrets so far, 2 months in.
5|g||Bought it on the recommendation of a friend and now my partner wants one too.
4|w|Nice bike|Good bike. Kickstand could be sturdier.
3|t|Fine|It's fine. Does what it says. Nothing special.
5|g||Phone support was excellent, they answered in 2 minutes and solved my charger question straight away.
4|t|Helpful phone team|Had a question about the warranty. Called and spoke to someone within 5 minutes. Clear answers.
5|w|Finance was easy|Interest free finance made it affordable. Application took 5 minutes.
4|g||Great bike for the money. Only bought it because a colleague wouldn't stop talking about hers.
2|t|Wrong bike delivered|They sent the step-through instead of the crossbar frame. The exchange took 3 weeks.
5|t|My third Velora|Bought one for me, then my wife, now my daughter. Never had a problem with the bikes themselves.
3|w|Lights are weak|Good bike overall but the front light isn't bright enough for unlit country lanes.
4|g||Rode it from London to Brighton on one battery charge, with a bit of pedalling. Impressive.
1|t|Stolen bike, no help|My bike was stolen and Care+ theft cover took 2 months to process, with endless forms. The loan bike never appeared.
2|w|Battery died after 8 months|Battery stopped holding charge after 8 months. Warranty claim is in progress but nobody tells me anything.
5|g||Saw it on Instagram, bought it, love it. Simple as that.
4|t|Recommended by my cycling club|A few people at my club ride Velora gravel bikes. Bought one and I can see why. Great handling.
3|t|Expected more from the app|Paid for a smart e-bike, but the app is basic and crashes a lot. The bike is good.
1|g||Terrible. Delivery late, app crashes, support never answers. Returning it - if they ever process the return.
5|t|Great company|Had a small issue with a missing part and they sent it the next day. Very happy.
2|t|Call me|I've been waiting for a callback for 10 days about my broken display. Please call me on 07700 900461 or email sam.r@example.net, I've already given my details three times.
4|w|Good bike, good price|Got it in the summer sale. Great value. Brakes needed adjusting after a week but that's normal.|2026-07-01
5|g||Its a really good bike, definately recommend it to everyone. My neighbour bought one after trying mine.
"""
