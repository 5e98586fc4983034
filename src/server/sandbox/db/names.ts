// Word lists for the demo tenant: Northfield State University's academic structure, course
// catalog stems and a diverse pool of personal names. Everything here is invented.

export interface DepartmentSeed {
  /** Shown as "Department of <name>". */
  name: string;
  /** Course subject code and SIS stem, unique across the catalog ('MECH' -> 'DEPT-MECH', 'MECH 231'). */
  code: string;
  /** Degree programs; each becomes "<program> Program". */
  programs: readonly string[];
  /** Subject areas that course titles are built from ("Thermodynamics I", "Topics in Thermodynamics"). */
  topics: readonly string[];
  /** Lab sciences also offer "<topic> Laboratory" courses. */
  hasLabs?: boolean;
}

export interface CollegeSeed {
  name: string;
  /** 'ENG' -> SIS id 'COL-ENG'. */
  code: string;
  departments: readonly DepartmentSeed[];
}

export const UNIVERSITY_NAME = 'Northfield State University';
export const UNIVERSITY_EMAIL_DOMAIN = 'northfield.edu';

export const COLLEGES: readonly CollegeSeed[] = [
  {
    name: 'College of Engineering',
    code: 'ENG',
    departments: [
      {
        name: 'Mechanical Engineering',
        code: 'MECH',
        programs: ['Robotics', 'Thermal-Fluid Sciences', 'Manufacturing Systems', 'Automotive Engineering'],
        topics: [
          'Statics',
          'Dynamics',
          'Thermodynamics',
          'Fluid Mechanics',
          'Heat Transfer',
          'Machine Design',
        ],
        hasLabs: true,
      },
      {
        name: 'Electrical and Computer Engineering',
        code: 'ECE',
        programs: ['Power Systems', 'Embedded Systems', 'Signal Processing', 'Microelectronics'],
        topics: [
          'Circuit Analysis',
          'Digital Logic Design',
          'Signals and Systems',
          'Electromagnetics',
          'Power Electronics',
          'Communication Systems',
        ],
        hasLabs: true,
      },
      {
        name: 'Civil and Environmental Engineering',
        code: 'CIVE',
        programs: [
          'Structural Engineering',
          'Transportation Engineering',
          'Water Resources',
          'Geotechnical Engineering',
        ],
        topics: [
          'Structural Analysis',
          'Soil Mechanics',
          'Hydraulics',
          'Traffic Engineering',
          'Surveying',
          'Concrete Design',
        ],
      },
      {
        name: 'Chemical and Biological Engineering',
        code: 'CHBE',
        programs: ['Process Engineering', 'Biomolecular Engineering', 'Energy Systems'],
        topics: [
          'Material and Energy Balances',
          'Transport Phenomena',
          'Reaction Engineering',
          'Separation Processes',
          'Process Control',
          'Bioprocess Engineering',
        ],
        hasLabs: true,
      },
      {
        name: 'Computer Science',
        code: 'CSCI',
        programs: ['Artificial Intelligence', 'Cybersecurity', 'Software Engineering', 'Data Science'],
        topics: [
          'Programming Fundamentals',
          'Data Structures',
          'Algorithms',
          'Operating Systems',
          'Computer Networks',
          'Database Systems',
          'Machine Learning',
        ],
      },
      {
        name: 'Biomedical Engineering',
        code: 'BME',
        programs: ['Biomechanics', 'Medical Imaging', 'Tissue Engineering'],
        topics: [
          'Biomaterials',
          'Medical Imaging Systems',
          'Biomedical Instrumentation',
          'Physiological Modeling',
          'Cellular Engineering',
        ],
        hasLabs: true,
      },
      {
        name: 'Aerospace Engineering',
        code: 'AERO',
        programs: ['Astronautics', 'Aircraft Design', 'Propulsion'],
        topics: [
          'Aerodynamics',
          'Flight Mechanics',
          'Orbital Mechanics',
          'Aerospace Structures',
          'Rocket Propulsion',
        ],
      },
    ],
  },
  {
    name: 'College of Natural Sciences',
    code: 'SCI',
    departments: [
      {
        name: 'Chemistry',
        code: 'CHEM',
        programs: ['Biochemistry', 'Chemical Physics', 'Environmental Chemistry', 'Forensic Chemistry'],
        topics: [
          'Chemical Principles',
          'Organic Chemistry',
          'Analytical Chemistry',
          'Physical Chemistry',
          'Inorganic Chemistry',
          'Biochemistry',
        ],
        hasLabs: true,
      },
      {
        name: 'Physics',
        code: 'PHYS',
        programs: ['Astrophysics', 'Applied Physics', 'Medical Physics'],
        topics: [
          'Classical Mechanics',
          'Electricity and Magnetism',
          'Quantum Mechanics',
          'Statistical Physics',
          'Optics',
          'Astrophysics',
        ],
        hasLabs: true,
      },
      {
        name: 'Mathematics',
        code: 'MATH',
        programs: ['Applied Mathematics', 'Pure Mathematics', 'Mathematics Education', 'Actuarial Science'],
        topics: [
          'Calculus',
          'Linear Algebra',
          'Differential Equations',
          'Real Analysis',
          'Abstract Algebra',
          'Probability',
          'Numerical Analysis',
        ],
      },
      {
        name: 'Biology',
        code: 'BIOL',
        programs: [
          'Molecular and Cell Biology',
          'Ecology and Evolution',
          'Microbiology',
          'Pre-Medical Studies',
        ],
        topics: [
          'Cell Biology',
          'Genetics',
          'Ecology',
          'Microbiology',
          'Evolutionary Biology',
          'Anatomy and Physiology',
        ],
        hasLabs: true,
      },
      {
        name: 'Geosciences',
        code: 'GEOS',
        programs: ['Geology', 'Hydrogeology', 'Climate Science'],
        topics: [
          'Physical Geology',
          'Mineralogy',
          'Hydrogeology',
          'Geophysics',
          'Paleontology',
          'Climate Dynamics',
        ],
        hasLabs: true,
      },
      {
        name: 'Statistics',
        code: 'STAT',
        programs: ['Biostatistics', 'Data Analytics', 'Statistical Computing'],
        topics: [
          'Statistical Methods',
          'Regression Analysis',
          'Bayesian Statistics',
          'Experimental Design',
          'Time Series Analysis',
        ],
      },
    ],
  },
  {
    name: 'College of Arts and Humanities',
    code: 'HUM',
    departments: [
      {
        name: 'English',
        code: 'ENGL',
        programs: ['Creative Writing', 'Literary Studies', 'Rhetoric and Composition'],
        topics: [
          'Academic Writing',
          'British Literature',
          'American Literature',
          'Fiction Writing',
          'Literary Theory',
        ],
      },
      {
        name: 'History',
        code: 'HIST',
        programs: ['Public History', 'Global History', 'American History'],
        topics: [
          'World History',
          'United States History',
          'European History',
          'History of the American West',
          'Latin American History',
        ],
      },
      {
        name: 'Philosophy',
        code: 'PHIL',
        programs: ['Ethics and Public Policy', 'Logic and Philosophy of Science'],
        topics: [
          'Ethics',
          'Symbolic Logic',
          'Philosophy of Mind',
          'Political Philosophy',
          'Ancient Philosophy',
        ],
      },
      {
        name: 'Modern Languages',
        code: 'LANG',
        programs: ['Spanish', 'French', 'German', 'Japanese'],
        topics: ['Spanish', 'French', 'German', 'Japanese', 'Arabic', 'Translation'],
      },
      {
        name: 'Music',
        code: 'MUS',
        programs: ['Music Performance', 'Music Education', 'Composition'],
        topics: [
          'Music Theory',
          'Music History',
          'Aural Skills',
          'Conducting',
          'Orchestration',
          'Jazz Improvisation',
        ],
      },
      {
        name: 'Art and Art History',
        code: 'ART',
        programs: ['Studio Art', 'Graphic Design', 'Art History'],
        topics: ['Drawing', 'Painting', 'Ceramics', 'Photography', 'Typography', 'Renaissance Art'],
      },
      {
        name: 'Theatre and Dance',
        code: 'THDN',
        programs: ['Acting', 'Dance', 'Technical Theatre'],
        topics: ['Acting', 'Stagecraft', 'Dance Technique', 'Choreography', 'Theatre History', 'Directing'],
      },
    ],
  },
  {
    name: 'College of Social and Behavioral Sciences',
    code: 'SBS',
    departments: [
      {
        name: 'Psychology',
        code: 'PSYC',
        programs: ['Clinical Psychology', 'Cognitive Neuroscience', 'Developmental Psychology'],
        topics: [
          'Psychological Science',
          'Cognitive Psychology',
          'Social Psychology',
          'Abnormal Psychology',
          'Developmental Psychology',
          'Behavioral Neuroscience',
        ],
      },
      {
        name: 'Economics',
        code: 'ECON',
        programs: ['Financial Economics', 'Public Policy Economics', 'Econometrics'],
        topics: [
          'Microeconomics',
          'Macroeconomics',
          'Econometrics',
          'Labor Economics',
          'International Economics',
        ],
      },
      {
        name: 'Political Science',
        code: 'POLS',
        programs: ['American Politics', 'International Relations', 'Public Law'],
        topics: [
          'American Government',
          'Comparative Politics',
          'International Relations',
          'Constitutional Law',
          'Political Theory',
        ],
      },
      {
        name: 'Sociology',
        code: 'SOC',
        programs: ['Criminology', 'Social Inequality', 'Population Studies'],
        topics: [
          'Sociological Theory',
          'Criminology',
          'Social Inequality',
          'Urban Sociology',
          'Social Research Methods',
        ],
      },
      {
        name: 'Anthropology',
        code: 'ANTH',
        programs: ['Archaeology', 'Cultural Anthropology', 'Biological Anthropology'],
        topics: [
          'Cultural Anthropology',
          'Archaeology',
          'Biological Anthropology',
          'Linguistic Anthropology',
        ],
      },
      {
        name: 'Geography',
        code: 'GEOG',
        programs: ['Geographic Information Science', 'Urban Planning'],
        topics: [
          'Physical Geography',
          'Human Geography',
          'Cartography',
          'Geographic Information Systems',
          'Remote Sensing',
        ],
      },
    ],
  },
  {
    name: 'College of Business',
    code: 'BUS',
    departments: [
      {
        name: 'Accounting',
        code: 'ACCT',
        programs: ['Public Accounting', 'Forensic Accounting', 'Taxation'],
        topics: [
          'Financial Accounting',
          'Managerial Accounting',
          'Auditing',
          'Federal Taxation',
          'Cost Accounting',
        ],
      },
      {
        name: 'Finance',
        code: 'FIN',
        programs: ['Corporate Finance', 'Investments', 'Real Estate'],
        topics: [
          'Corporate Finance',
          'Investments',
          'Financial Markets',
          'Risk Management',
          'Real Estate Finance',
        ],
      },
      {
        name: 'Management',
        code: 'MGMT',
        programs: ['Human Resource Management', 'Entrepreneurship', 'Operations Management'],
        topics: [
          'Organizational Behavior',
          'Human Resource Management',
          'Strategic Management',
          'Operations Management',
          'Business Ethics',
        ],
      },
      {
        name: 'Marketing',
        code: 'MKTG',
        programs: ['Digital Marketing', 'Sales Leadership', 'Consumer Insights'],
        topics: [
          'Marketing Principles',
          'Consumer Behavior',
          'Marketing Research',
          'Digital Marketing',
          'Brand Management',
        ],
      },
      {
        name: 'Information Systems',
        code: 'ISYS',
        programs: ['Business Analytics', 'Information Security', 'Enterprise Systems'],
        topics: [
          'Business Information Systems',
          'Business Analytics',
          'Database Management',
          'Systems Analysis and Design',
          'Information Security',
        ],
      },
    ],
  },
  {
    name: 'College of Health Sciences',
    code: 'HLTH',
    departments: [
      {
        name: 'Nursing',
        code: 'NURS',
        programs: ['Pre-Licensure BSN', 'RN to BSN', 'Family Nurse Practitioner', 'Nursing Leadership'],
        topics: [
          'Health Assessment',
          'Pharmacology',
          'Pathophysiology',
          'Medical-Surgical Nursing',
          'Maternal and Child Nursing',
          'Community Health Nursing',
        ],
        hasLabs: true,
      },
      {
        name: 'Kinesiology',
        code: 'KINE',
        programs: ['Exercise Science', 'Athletic Training', 'Physical Education'],
        topics: [
          'Exercise Physiology',
          'Human Movement',
          'Motor Learning',
          'Sports Nutrition',
          'Strength and Conditioning',
        ],
        hasLabs: true,
      },
      {
        name: 'Public Health',
        code: 'PUBH',
        programs: ['Epidemiology', 'Health Policy', 'Global Health'],
        topics: [
          'Epidemiology',
          'Environmental Health',
          'Health Policy',
          'Global Health',
          'Health Promotion',
        ],
      },
      {
        name: 'Nutrition and Dietetics',
        code: 'NUTR',
        programs: ['Clinical Dietetics', 'Food Science'],
        topics: ['Human Nutrition', 'Food Science', 'Medical Nutrition Therapy', 'Community Nutrition'],
        hasLabs: true,
      },
      {
        name: 'Communication Sciences and Disorders',
        code: 'CSD',
        programs: ['Speech-Language Pathology', 'Audiology'],
        topics: ['Phonetics', 'Speech Science', 'Language Development', 'Audiology', 'Fluency Disorders'],
      },
    ],
  },
  {
    name: 'College of Education',
    code: 'EDU',
    departments: [
      {
        name: 'Elementary Education',
        code: 'ELED',
        programs: ['Early Childhood Education', 'Elementary Teacher Preparation', 'Campus Lab School'],
        topics: [
          "Children's Literature",
          'Elementary Mathematics Methods',
          'Elementary Science Methods',
          'Classroom Management',
          'Literacy Instruction',
        ],
      },
      {
        name: 'Secondary Education',
        code: 'SCED',
        programs: ['STEM Teaching', 'English Language Arts Teaching', 'Social Studies Teaching'],
        topics: [
          'Secondary Teaching Methods',
          'Adolescent Development',
          'Content Area Literacy',
          'Curriculum Design',
          'Educational Assessment',
        ],
      },
      {
        name: 'Special Education',
        code: 'SPED',
        programs: ['Mild and Moderate Disabilities', 'Early Intervention'],
        topics: [
          'Exceptional Learners',
          'Behavior Intervention',
          'Assistive Technology',
          'Inclusive Practices',
        ],
      },
      {
        name: 'Educational Leadership',
        code: 'EDLD',
        programs: ['School Leadership', 'Higher Education Administration'],
        topics: ['School Law', 'Instructional Leadership', 'Education Finance', 'Organizational Change'],
      },
      {
        name: 'Educational Psychology',
        code: 'EDPS',
        programs: ['Learning Sciences', 'School Counseling'],
        topics: [
          'Learning and Cognition',
          'Educational Measurement',
          'Counseling Theories',
          'Instructional Design',
        ],
      },
    ],
  },
  {
    name: 'College of Agriculture and Natural Resources',
    code: 'AGR',
    departments: [
      {
        name: 'Animal Sciences',
        code: 'ANSC',
        programs: ['Equine Science', 'Livestock Production', 'Pre-Veterinary Medicine'],
        topics: [
          'Animal Nutrition',
          'Livestock Management',
          'Animal Reproduction',
          'Equine Management',
          'Meat Science',
        ],
        hasLabs: true,
      },
      {
        name: 'Soil and Crop Sciences',
        code: 'SCSC',
        programs: ['Agronomy', 'Soil Science', 'Horticulture'],
        topics: [
          'Crop Production',
          'Soil Fertility',
          'Plant Breeding',
          'Weed Science',
          'Irrigation Management',
        ],
        hasLabs: true,
      },
      {
        name: 'Forest and Rangeland Stewardship',
        code: 'FRS',
        programs: ['Forestry', 'Rangeland Ecology', 'Fire Science'],
        topics: [
          'Forest Ecology',
          'Dendrology',
          'Rangeland Management',
          'Wildland Fire Behavior',
          'Forest Biometrics',
        ],
      },
      {
        name: 'Agricultural Economics',
        code: 'AGEC',
        programs: ['Agribusiness', 'Natural Resource Economics'],
        topics: ['Agricultural Marketing', 'Farm Management', 'Agricultural Policy', 'Agribusiness Finance'],
      },
      {
        name: 'Fish, Wildlife and Conservation Biology',
        code: 'FWCB',
        programs: ['Wildlife Biology', 'Fisheries Science', 'Conservation Biology'],
        topics: ['Wildlife Ecology', 'Fisheries Biology', 'Conservation Biology', 'Ornithology', 'Mammalogy'],
      },
    ],
  },
  {
    name: 'College of Media and Communication',
    code: 'MCOM',
    departments: [
      {
        name: 'Journalism',
        code: 'JOUR',
        programs: ['News Reporting', 'Sports Media', 'Data Journalism'],
        topics: [
          'News Writing',
          'Media Law',
          'Broadcast Journalism',
          'Investigative Reporting',
          'Photojournalism',
        ],
      },
      {
        name: 'Communication Studies',
        code: 'COMM',
        programs: ['Organizational Communication', 'Health Communication'],
        topics: [
          'Public Speaking',
          'Interpersonal Communication',
          'Organizational Communication',
          'Persuasion',
          'Intercultural Communication',
        ],
      },
      {
        name: 'Film and Media Arts',
        code: 'FILM',
        programs: ['Film Production', 'Animation', 'Screenwriting'],
        topics: ['Film Analysis', 'Cinematography', 'Screenwriting', 'Post-Production', 'Documentary Film'],
      },
      {
        name: 'Advertising and Public Relations',
        code: 'ADPR',
        programs: ['Strategic Communication', 'Public Relations'],
        topics: ['Advertising Principles', 'Copywriting', 'Public Relations Writing', 'Media Planning'],
      },
    ],
  },
  {
    name: 'Honors College',
    code: 'HON',
    departments: [
      {
        name: 'Interdisciplinary Studies',
        code: 'IDST',
        programs: ['University Honors', 'Leadership Studies'],
        topics: ['Interdisciplinary Inquiry', 'Leadership', 'Civic Engagement', 'Honors Research'],
      },
      {
        name: 'Global Studies',
        code: 'GLST',
        programs: ['International Development', 'Human Rights'],
        topics: ['Global Studies', 'Human Rights', 'Migration Studies', 'Sustainable Development'],
      },
    ],
  },
];

/** Tracks within a program (large tenants only): [name, SIS code]. */
export const TRACKS: readonly (readonly [string, string])[] = [
  ['Honors', 'HON'],
  ['Accelerated', 'ACC'],
  ['Online', 'ONL'],
  ['Evening', 'EVE'],
  ['Research', 'RES'],
  ['Professional', 'PRO'],
  ['Part-Time', 'PTM'],
  ['Co-op', 'COOP'],
  ['Study Abroad', 'ABR'],
  ['Dual Degree', 'DUAL'],
  ['Transfer', 'TRN'],
  ['Graduate', 'GRAD'],
  ['Certificate', 'CERT'],
  ['Internship', 'INT'],
];

/** Courses in the "Manually-Created Courses" account that are not teacher sandboxes. */
export const MANUAL_COURSE_TITLES: readonly string[] = [
  'Canvas Training for Faculty',
  'New Student Orientation',
  'Graduate Teaching Assistant Orientation',
  'Library Research Skills',
  'Academic Integrity Tutorial',
  'Title IX Training',
  'New Employee Onboarding',
  'Academic Advising Resources',
  'Accessible Course Design Workshop',
  'Writing Center Resources',
];

// Whitespace-separated so the lists stay compact; no name contains a space.
export const FIRST_NAMES: readonly string[] = splitWords(`
  Aaliyah Aarav Abigail Adebayo Adriana Ahmed Aiden Aiko Alejandro Alexis Amara Amir Ana Andrea
  Andrew Anjali Anthony Aria Arjun Ashley Ayesha Benjamin Bianca Brandon Brianna Caleb Camila
  Carlos Carmen Charlotte Chen Chidi Chloe Christopher Claire Daniel Daniela Darius David Deepa
  Diego Dmitri Elena Elijah Elizabeth Emeka Emily Emma Ethan Eun-ji Evelyn Fatima Felipe Fernando
  Gabriel Grace Hana Hannah Haruto Hassan Hiroshi Ibrahim Imani Isabella Isaiah Ivan Jacob Jamal
  James Jasmine Javier Jayden Jessica Ji-woo Joaquín Jonathan José Joseph Joshua Julia Kai Kavya
  Keanu Kenji Kevin Khadija Kiara Kofi Lakshmi Laura Layla Leah Leilani Liam Lucas Lucía Luis Maya
  Malik Mariana Mateo Matthew Mei Mia Michael Miguel Min-jun Mohammed Nadia Naomi Natalia Nathan
  Nia Nikhil Noah Nour Oliver Olivia Omar Oscar Pablo Priya Rafael Rahul Rania Rebecca Ricardo
  Rohan Rosa Ryan Samantha Samuel Santiago Sara Sebastián Seo-yeon Shreya Siddharth Sipho Sofia
  Sophia Stephanie Tariq Taylor Thabo Thomas Tomás Valentina Victoria Vikram William Wei Xavier
  Ximena Yara Yasmin Yuki Yusuf Zainab Zoë
`);

export const LAST_NAMES: readonly string[] = splitWords(`
  Abbott Acheampong Adeyemi Aguilar Ahmed Ali Allen Alvarez Anderson Bailey Baker Banerjee Barnes
  Bennett Bhatt Brooks Brown Butler Campbell Carter Castillo Chang Chavez Chen Choi Clark Coleman
  Collins Cooper Cruz Das Davis Delgado Diaz Dubois Edwards Evans Fernandez Fischer Flores Foster
  Garcia Gomez Gonzalez Gray Green Gupta Hall Hamilton Harris Hashemi Hayes Hernandez Hill Hoang
  Howard Hughes Ibrahim Ito Jackson James Jenkins Jimenez Johnson Jones Kapoor Kaur Khan Kim King
  Kowalski Kumar Lee Lewis Li Lin Liu Lopez Martin Martinez Mbeki McCarthy Mendoza Miller Mitchell
  Moore Morales Morgan Murphy Nakamura Nguyen Nkosi O'Brien Okafor Okonkwo Olsen Ortiz Owusu Park
  Patel Perez Perry Petrov Phillips Price Quintero Ramirez Ramos Reddy Reed Reyes Richardson
  Rivera Roberts Robinson Rodriguez Rossi Russell Sanchez Sanders Sato Schmidt Scott Shah Sharma
  Silva Singh Smith Sokolov Stewart Suzuki Tanaka Taylor Thomas Thompson Torres Tran Turner Vargas
  Vasquez Walker Wang Ward Washington Watson White Williams Wilson Wong Wright Wu Yamamoto Yang
  Young Zhang Zhao Zimmerman Müller Núñez Sørensen García-López Haddad Mensah Begay Yazzie
`);

/** Generational suffixes; Canvas's sortable name keeps them after the given name ("King, Robert Jr."). */
export const NAME_SUFFIXES: readonly string[] = ['Jr.', 'Sr.', 'II', 'III'];

export const PRONOUNS: readonly string[] = ['she/her', 'he/him', 'they/them'];

function splitWords(text: string): string[] {
  return text.trim().split(/\s+/);
}
