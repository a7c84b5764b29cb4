/**
 * Data for the anonymisation check: given names and family names common among the people
 * social workers in England write about. Written without accents (the check compares names
 * with their accents taken off, so "Siobhan" also finds "Siobhán" and "Chloe" "Chloë").
 * Grouped by where they are common, for whoever adds to them; the check does not care.
 */

const GIVEN = {
  english: `Aaron Abby Abigail Adam Aidan Alan Albert Alex Alexander Alexandra Alfie Alice Alison Amanda Amelia Amy Andrew
    Andy Angela Anna Anne Annie Anthony Archie Arthur Ashley Barbara Barry Beatrice Ben Benjamin Beth Bethany Betty Bobby
    Bradley Brandon Brenda Brian Callum Cameron Carl Caroline Carol Catherine Charlie Charlotte Chelsea Chloe Chris
    Christine Christopher Claire Clare Colin Connor Craig Daisy Daniel Danielle Darren David Dean Debbie Deborah Denise
    Dennis Derek Diane Dominic Donna Dorothy Dylan Edward Eleanor Elizabeth Ella Ellie Elliot Elsie Emily Emma Eric Ethan
    Evie Freddie Frederick Gary Gemma George Georgia Gillian Gordon Graham Hannah Harley Harriet Harrison Harry Harvey
    Hayley Helen Henry Holly Ian Isaac Isabel Isabella Isabelle Isla Jack Jackson Jacob Jake James Jamie Jane Janet
    Jasmine Jason Jayden Jayne Jeffrey Jennifer Jenny Jessica Joan Joanne Jodie Joe Joel John Jonathan Jordan Joseph
    Joshua Joyce Julie Karen Kate Katherine Katie Kayla Keith Kelly Kerry Kevin Kieran Kimberley Kirsty Kyle Laura Lauren
    Leah Lee Leo Leon Lewis Liam Lily Linda Lisa Logan Louis Louise Lucy Luke Lydia Lynn Madison Maisie Margaret Maria
    Marie Martin Mason Matilda Matthew Max Megan Melissa Michael Michelle Millie Mohammed Molly Nancy Natalie Nathan
    Neil Nicholas Nicola Noah Oliver Olivia Oscar Pamela Paul Pauline Peter Philip Phoebe Poppy Rachel Rebecca Reece
    Rhys Richard Riley Robert Robyn Ronald Rosie Ross Ryan Samantha Samuel Sandra Sarah Scott Sharon Shaun Sheila Simon
    Sophia Sophie Stacey Stephanie Stephen Steven Stuart Susan Teresa Terry Theo Thomas Tiffany Toby Tom Tommy Tony
    Tracey Tracy Tyler Valerie Vanessa Victoria Vincent Wayne Wendy William Zachary Zoe Kai Ava Freya Evelyn Ivy Mia
    Layla Harper Aria Jessie Frankie Ronnie Stanley Albie Reggie Teddy Jude Rory Tilly Esme Nell Brooke Demi Kacey
    Shannon Courtney Jade Kayleigh Leanne Lindsey Marcus Ruth Owen Grace Amber Ruby Hope Faith Joy Rose Dawn Summer
    Hazel Heather Robin Penny Mark Will Bill Frank Pat Sue Rob Drew May June April Miles Carly Jolene Lacey Tia Skye
    Sam Jo Jay Mo Zak Zac Liv Izzy Lexi Billie Stevie Becky Nicky Vicky Abi Bex Jess Meg Kat Nat Dan Danny Dave Mike Mick
    Steve Pete Jim Jimmy Jonny Johnny Matt Nick Tim Kev Ash Josh Ollie Benji Kayden Brody Mikey Ricky Shane Jamal Tyrese
    Tyrone Kian Keira Kacey Lacie Maddie Macie Mollie Paige Tilly Tommy-Lee Riley-Jay Lola Luna Ivy-Rose Willow Aurora`,
  welsh: `Aled Alun Angharad Aneurin Bethan Bronwen Carys Catrin Cerys Cian Dafydd Delyth Dewi Dylan Eira Eirlys Elin
    Emrys Ffion Gareth Geraint Glyn Gruffudd Gwen Gwenllian Gwyn Heledd Huw Hywel Iestyn Ieuan Ifan Iolo Llinos Llew
    Llywelyn Lowri Mabli Mali Manon Meinir Megan Meleri Morgan Nia Osian Owain Rhian Rhiannon Rhodri Seren Sian Sioned
    Steffan Taliesin Tegan Tomos Trystan Wyn Gethin Gwion Elis Harri Cai Efa Alys Elan Mared Nest Sion Ioan
    Guto Deio Twm Mabon Macsen Nel Lleucu Eleri Menna Non`,
  irish: `Aisling Aoife Brendan Bridget Caoimhe Caoimhin Ciara Ciaran Cillian Clodagh Colm Conor Cormac Declan Deirdre
    Donal Dympna Eamon Eamonn Eileen Eimear Enda Eoin Fergal Fiachra Fionn Fionnuala Grainne Liam Mairead Maeve Muireann
    Naoise Niall Niamh Oisin Orla Padraig Patrick Peadar Roisin Ronan Ruairi Saoirse Seamus Sean Seosamh Shauna Sinead
    Siobhan Sorcha Tadhg Una`,
  scottish: `Ailsa Alasdair Alastair Angus Callum Catriona Eilidh Ewan Fiona Fraser Hamish Iain Isla Jock Kirsty Lachlan
    Mhairi Morag Murdo Rona Ruaridh Shona Struan`,
  southAsian: `Aarav Aarush Abdul Abdullah Aditi Aditya Ajay Akash Amir Amit Anil Anjali Arjun Asif Ayesha Bilal
    Deepak Dev Devi Faisal Farah Farhan Fatima Gurpreet Harpreet Hamza Hasan Hussain Imran Irfan Ishaan Jaspreet Kabir
    Kamal Karan Kavita Khadija Kiran Krishna Lakshmi Manpreet Meera Mohammad Muhammad Nadia Naveed Navjot Neha Nikhil
    Nisha Pooja Priya Rahul Raj Rajesh Ravi Rehana Riya Rohan Ruksana Sabrina Sachin Sadia Saima Salma Samir Sana
    Sanjay Shabana Shahid Shazia Simran Sunil Sunita Tariq Usman Varun Vikram Waqar Yasmin Zainab Zara Zubair Aisha
    Aryan Ayaan Ibrahim Ismail Rizwan Tahir Umar Zaid Anaya Inaya Amara Parveen Nasreen Shamima Rubina Tanvir Sajid`,
  westAfrican: `Abena Abimbola Ade Adebayo Adeola Adwoa Afia Akosua Akua Ama Amaka Babajide Bolaji Chiamaka Chidi
    Chidinma Chiamaka Chinedu Chioma Chukwuemeka Damilola Ebere Efua Emeka Esi Femi Folake Funmilayo Ifeoma Ikenna Kehinde
    Kofi Kojo Kwabena Kwadwo Kwaku Kwame Kwesi Mariama Ngozi Nkechi Nneka Obinna Ola Olamide Oluwaseun Olumide Onyeka
    Segun Seun Tayo Temitope Tobi Tolu Tunde Uche Yaa Yaw Yemi Amadou Fatou Ousmane Binta Aminata Ibrahima Moussa
    Blessing Precious Favour Patience Gift Mercy Comfort Chidera Ebuka Tobenna Tomiwa Ayodele Babatunde Oluwadamilare`,
  eastAfrican: `Abdi Ayan Deqa Faduma Hodan Hamdi Ifrah Liban Mohamud Nasra Sagal Warsame Fardowsa Tesfaye Selam
    Meron Biniam Yonas Amina`,
  easternEuropean: `Agnieszka Aleksander Aleksandra Andrei Anastasia Bartosz Bogdan Dariusz Dmitri Dominik Ewa Filip
    Gabriela Iwona Jakub Jan Joanna Julia Kacper Kamil Karolina Katarzyna Krzysztof Lukasz Maciej Magdalena Malgorzata
    Marek Mariusz Marta Mateusz Michal Mihai Milena Natalia Nikola Oksana Olena Olga Pawel Piotr Radek Roksana Sebastian
    Sergei Stefan Szymon Tomasz Valentina Viktor Vlad Wiktoria Wojciech Yulia Zofia Zuzana Ionut Andreea Alina Bianca
    Cristina Florin Gheorghe Ioana Irina Larisa Lavinia Marius Raluca Valentin Darius Edvinas Lukas Rasa Tomas Ieva
    Dovydas Arturs Janis Liga Kristaps Petra Tereza Jiri Ondrej Milan Daria Sofia Oleksandr Mykola Taras Bohdan Svitlana`,
  arabic: `Abdelrahman Abdulaziz Adel Ahmad Ahmed Ali Amal Amira Ayman Bashir Dina Fadi Fares Habib Hala Hana Hassan
    Hiba Hossam Huda Jamal Jamila Karim Khaled Khalid Laila Layla Lina Mahmoud Malak Mariam Maryam Mona Mustafa Nabil
    Nada Nour Omar Rami Rana Rania Reem Salim Samira Sara Tarek Walid Yasmin Yousef Yusuf Zaynab Zeinab Marwan Rashid
    Najib Noor Safiya Sumaya Tasnim Hamid Idris Ilyas Isa Khadijah Mariyam Musa Rayan Ayoub`,
  chinese: `Bo Chen Cheng Fang Fei Hao Hong Hui Jia Jian Jie Jing Jun Lan Lei Li Lin Ling Mei Min Ming Na Ning Ping
    Qiang Qing Rui Shan Tao Ting Wei Wen Xia Xiao Xin Xiu Yan Yang Yi Ying Yong Yu Yuan Yun Zhen Zhi Zhou Zihan Zixuan
    Haoran Yuxuan Jiahui Xinyi Mingyu Tian`,
  other: `Adriana Alejandro Ana Andrea Antonio Beatriz Carlos Diego Elena Fernando Francesca Gabriel Giorgio Giulia
    Ines Isabela Javier Joao Jorge Jose Juan Leonardo Lorenzo Lucia Luis Manuel Marco Mateo Miguel Nuno Pablo Pedro
    Raquel Ricardo Rita Rodrigo Rosa Sergio Tiago Anh Duc Huong Linh Minh Thanh Trang Tuan Hoa Phuong Hyun Jin Ji Min
    Seo Tae Mehmet Emre Elif Zeynep Ayse Fatma Mustafa Yasin Kerem Leyla Emine Hakan Burak Arda Ece Delroy Leroy Winston
    Marlon Tyrone Shanice Jermaine Kemar Tanisha Alesha Desmond Errol Marcia Sonia Chantelle Aaliyah Nia Jaden Malachi`,
};

const FAMILY = {
  english: `Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson Thompson Wright Walker
    White Edwards Hughes Green Hall Lewis Harris Clarke Clark Patterson Jackson Wood Turner Martin Cooper Hill Ward Morris
    Moore Lee King Harrison Morgan Allen James Scott Phillips Watson Davis Parker Bennett Price Griffiths Young Mitchell
    Kelly Cook Carter Richardson Bailey Collins Bell Shaw Murphy Miller Cox Richards Khan Marshall Anderson Simpson Ellis
    Adams Singh Begum Wilkinson Foster Chapman Powell Webb Rogers Gray Mason Ali Hunt Hussain Campbell Matthews Owen
    Palmer Holmes Mills Barnes Knight Lloyd Butler Russell Barker Fisher Stevens Jenkins Dixon Fletcher Howard Gibson
    Whitfield Gallagher Doherty Pritchard Fairweather Ellison Marsh Okoye Hargreaves Sutcliffe Ackroyd Pickering Crossley`,
  welshIrishScottish: `Llwyd Jenkins Rees Prosser Powell Bowen Pugh Vaughan Gwynne Llewellyn Cadwaladr Bhriain Briain
    Murphy Byrne Ryan Walsh Doyle McCarthy Kennedy Lynch Murray Quinn Moore McLaughlin Carroll Connolly Daly Brennan
    Farrell Fitzgerald Kavanagh Keane Nolan Reilly Sullivan Brien Neill Connor Donnell Sheridan Mac MacDonald MacLeod
    Macdonald Mackenzie Stewart Robertson Reid Ross Fraser Cameron Grant Munro Sinclair Buchanan`,
  southAsian: `Patel Shah Khan Ahmed Hussain Begum Singh Kaur Ali Akhtar Iqbal Mahmood Rahman Chowdhury Miah Uddin Islam
    Hossain Sharma Gupta Kumar Mistry Joshi Desai Mehta Chauhan Bhatt Parmar Sandhu Gill Dhillon Sidhu Bains Malik
    Qureshi Siddiqui Sheikh Bibi Raja Nawaz Javed Aslam Kauser Choudhury Rehman Hamid Rashid Bashir Latif Mirza Butt
    Dar Anwar Nasir Saleem Yousaf Shafiq Zaman Haque Karim Sarkar Das Bose Banerjee Chatterjee Mukherjee Nair Pillai
    Menon Reddy Rao Iyer Souza DSouza Fernandes Pereira Rodrigues Dias`,
  african: `Okafor Okoro Okonkwo Adeyemi Adebayo Afolabi Akinola Balogun Bello Eze Nwosu Nwankwo Obi Ogunleye Ogunbiyi
    Oladipo Olawale Onyango Owusu Mensah Boateng Asante Appiah Osei Agyeman Amoah Addo Acheampong Darko Ofori Sarpong
    Kamara Conteh Sesay Bangura Diallo Barry Jalloh Toure Traore Keita Ndiaye Mohamed Abdi Farah Hassan Jama Warsame
    Tesfaye Haile Kiplagat Mwangi Otieno Ochieng Mutua Banda Phiri Moyo Ncube Dube Nkosi Mbeki Okeke Chukwu Okoli
    Oyelaran Adewale Adeleke Bakare Ogunsanya`,
  european: `Nowak Kowalski Kowalska Wisniewski Wisniewska Wojcik Kaminski Lewandowski Zielinski Szymanski Wozniak
    Dabrowski Kozlowski Jankowski Mazur Kwiatkowski Krawczyk Piotrowski Grabowski Popescu Ionescu Popa Stan Dumitru
    Constantin Georgescu Radu Petrov Ivanov Smirnov Kovalenko Shevchenko Bondarenko Horvat Novak Kazlauskas Jankauskas
    Petrauskas Berzins Ozols Silva Santos Ferreira Oliveira Costa Martins Rossi Russo Bianchi Romano Garcia Martinez
    Lopez Gonzalez Hernandez Sanchez Yilmaz Kaya Demir Celik Sahin Ozturk Aydin Muller Schmidt Schneider Fischer Weber`,
  eastAsian: `Wang Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Luo Gao Zheng Liang Xie Tang Han
    Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du Ye Cheng Wei Su Lu Ding Ren Shen Yao Lui Chan Wong
    Leung Cheung Ho Ng Yip Tsang Lam Nguyen Tran Pham Hoang Phan Vu Vo Dang Bui Do Kim Park Choi Jung Kang Cho Yoon
    Tanaka Suzuki Sato`,
};

const words = (groups: Record<string, string>) =>
  Object.values(groups)
    .flatMap((g) => g.split(/\s+/))
    .filter(Boolean);

/** Given names, without accents. */
export const GIVEN_NAMES: readonly string[] = words(GIVEN);

/** Family names, without accents or apostrophes (D'Souza is kept as "DSouza", O'Brien as "Brien"). */
export const FAMILY_NAMES: readonly string[] = words(FAMILY);

/**
 * Given names that are also everyday English words or months. They count as a name only in
 * the middle of a sentence and never in a date ("in May", "3 June"), or with another sign.
 */
export const EVERYDAY_NAMES: readonly string[] =
  `Grace Amber Ruby Hope Faith Joy Rose Dawn Summer Hazel Heather Robin Penny
  Mark Will Bill Frank Pat Sue Rob Drew May June April Miles Holly Ivy Jade Skye Blessing Precious Favour Patience
  Gift Mercy Comfort Max Jack Georgia Chelsea Lee Dean Kai Bo Jan Lin Ling Ming Yang Wen Tao Jun Lan Tian Min
  Isa Noor Ada Liberty Harmony Honey Sunny Justice Princess Marian Doll Rocky Bliss Lucky
  Cook Carter Bell Hill Wood Green Hall White Brown King Young Price Grant Reid Ross Rees Stan Gill Mills Hunt Webb
  Gray Mason Knight Fisher Butler Ward Long Park Rose Marsh Shaw Dar Das Ma Ho Wu Hu He Do Ng Ye Lu Su Yu Li Xu Sun
  Pan Ding Dong Ren Cao Guo Han Du Jung Cho Kang Kim Barry Cox`
    .split(/\s+/)
    .filter(Boolean);
