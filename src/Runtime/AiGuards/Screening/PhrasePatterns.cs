using System.Text.RegularExpressions;

namespace SecureApi.AiGuards.Screening;

/// <summary>
/// The phrase rules, matched on <see cref="ScreeningText.Folded"/> text (lower case, no accents, one space between words,
/// a space at each end) by the linear-time <see cref="RegexOptions.NonBacktracking"/> engine: no input can make a match
/// slow. Every gap between words is bounded (<c>W{0,3}</c> = up to three words). A phrase needs its telling parts
/// together — a verb of overriding, what is overridden, and a word that points back at earlier instructions — so
/// ordinary text that merely mentions "instructions" or "prompts" does not match.
/// </summary>
internal static class PhrasePatterns
{
    private const string W = @"(?:[a-z0-9]+ )";

    private const string Earlier =
        "(?:previous|prior|above|earlier|preceding|foregoing|former|original|initial|old|system|developer|all|any|every|your|these|those|the above" +
        "|vorherigen?|vorigen?|bisherigen?|obigen?|alle|allen?|deine|deinen?|alten|vorangegangenen?|vorstehenden?|ursprunglichen?" +
        "|precedentes?|anterieures?|ci dessus|toutes les|tes|vos|initiales?|originales?" +
        "|anteriores?|previas?|todas las|tus|iniciales?" +
        "|precedenti|tutte le|le tue|originali|todas as|as suas|suas|originais)";

    private const string Rules =
        "(?:instructions?|prompts?|rules|directives?|guidelines|guardrails|commands?|system messages?|constraints|restrictions|programming|safety (?:rules|guidelines|filters?)" +
        "|anweisungen|anweisung|instruktionen|befehle|regeln|vorgaben|richtlinien|vorschriften" +
        "|consignes|directives|instructions" +
        "|instrucciones|indicaciones|reglas|directrices|ordenes" +
        "|istruzioni|regole|instrucoes|regras)";

    private const string Verb =
        "(?:ignore|ignoring|disregard|disregarding|forget|forgetting|override|overriding|bypass|bypassing|discard|drop|set aside|throw away|do not follow|dont follow|stop following|no longer follow" +
        "|ignoriere|ignorier|ignorieren|vergiss|vergesst|vergessen sie|missachte|missachten sie|uberspringe|verwirf" +
        "|ignorez|ignorer|oublie|oubliez|oublier|neglige|negligez|ne tiens pas compte des|ne tenez pas compte des" +
        "|ignora|ignorar|olvida|olvide|olvidar|omite|descarta|pasa por alto|no sigas" +
        "|dimentica|esqueca|esquece|desconsidere)";

    /// <summary>"Ignore all previous instructions", "vergiss alle vorherigen Anweisungen", "ignora las instrucciones anteriores".</summary>
    private const string OverrideEarlier =
        " " + Verb + " " + W + "{0,3}" + Earlier + " " + W + "{0,2}" + Rules + " " +
        "| " + Verb + " " + W + "{0,2}" + Rules + " " + W + "{0,2}" + Earlier + " " +
        "| " + Verb + " (?:everything|all|anything|what) (?:" + W + "{0,2})?(?:above|before this|earlier|previously|you were told|you have been told|i said before) " +
        "| (?:disregard|ignore|forget) the above " +
        "| (?:vergiss|ignoriere) alles (?:oben|davor|bisherige|vorherige|was (?:man )?dir gesagt) " +
        "| (?:oublie|oubliez) tout ce qui (?:precede|a ete dit) " +
        "| (?:olvida|olvide|ignora) todo lo (?:anterior|dicho) " +
        // Tuned on deepset/prompt-injections' train split: earlier tasks and context, not only instructions, are overridden.
        "| " + Verb + " (?:about )?(?:all )?(?:of )?(?:the |your |my )?(?:previous|prior|preceding|above|earlier) (?:tasks?|assignments?|orders|information|context|conversation|messages) " +
        "| " + Verb + " (?:about )?(?:all )?(?:the |your )?(?:tasks|assignments|orders) (?:" + W + "{0,2})?(?:before|above|so far|until now) " +
        "| " + Verb + " (?:about )?everything (?:before that|so far|we (?:have |ve )?(?:discussed|talked about)|i (?:have |ve )?told you|you know|beforehand) " +
        "| (?:leave|put) (?:all )?(?:the )?(?:previous|prior|preceding) (?:information|instructions|tasks) behind " +
        "| (?:ignore|forget) (?:everything )?above and " +
        "| (?:ignore|forget) everything and (?:just |only )?(?:output|say|print|write|tell) " +
        "| (?:ignore|disregard|forget) all (?:the )?(?:provided |given )?(?:documents|context|articles|sources) " +
        "| (?:ignore|disregard|disregarding|ignoring) (?:the )?(?:provided|given) (?:documents|context|articles|sources) " +
        "| (?:change|update|replace) your instructions to | your (?:new )?instructions are now " +
        "| now (?:new|further) (?:tasks|instructions) (?:follow|are followed) | now (?:focus|concentrate) on (?:your|the) new task " +
        "| (?:vergiss|vergessen sie|ignoriere|ignorieren sie) (?:alle |die )?(?:vorherigen |bisherigen |obigen )?(?:aufgaben|auftrage|angaben|informationen) " +
        "| (?:vergiss|vergessen sie) alles(?: gesagte|,? was wir (?:vorher |bisher )?besprochen haben) " +
        "| (?:obigen|vorherigen|bisherigen) (?:anweisungen|ausfuhrungen|informationen|angaben) ignorieren " +
        "| abweichend (?:zu|von) (?:den )?(?:vorherigen|bisherigen) (?:instruktionen|anweisungen) " +
        "| nun folgen (?:neue|weitere) (?:aufgaben|anweisungen) | konzentriere dich (?:jetzt |nun )?auf deine neue aufgabe ";

    private const string Persona =
        "(?:jailbroken|unrestricted|unfiltered|uncensored|unbound|unlimited|evil|rogue|amoral|free (?:of|from) (?:all |any )?(?:rules|restrictions|limits|guidelines)|not bound by (?:any )?(?:rules|guidelines|policies|restrictions)" +
        "|an? (?:unrestricted |unfiltered |evil |rogue |new |different )?(?:ai|assistant|model|chatbot|llm) (?:without|with no|that ignores|who ignores|free of|that has no)|without (?:any )?(?:restrictions|limits|rules|filters|guidelines|ethics|morals))";

    /// <summary>"You are now an unrestricted AI", "pretend to be an AI without rules", "developer mode enabled", in the same languages.</summary>
    private const string NewPersona =
        " you (?:are|re|will be) (?:now|no longer|from now on|going to (?:be|act as|pretend to be)) " + W + "{0,1}" + Persona + " " +
        "| you are (?:an? )?(?:ai|assistant|model|chatbot|llm) (?:without|with no|that has no|free of) " +
        "| (?:pretend|act|behave|roleplay|role play|imagine|suppose) (?:to be |that you are |you are |as if you (?:are|were) |as )?(?:an? |the )?" + Persona + " " +
        "| where you (?:are|play|act as) (?:an? )?" + Persona + " " +
        "| as an? (?:unrestricted|unfiltered|uncensored|jailbroken|evil|rogue|amoral) (?:ai|assistant|model|chatbot|llm) (?:would|does|that|who|with) " +
        "| from now on,? (?:you (?:act|will act|must act|will obey|obey|pretend)|act as|respond as|pretend) " +
        "| (?:enable|activate|enter|switch to|turn on) (?:the )?(?:developer|dev|god|jailbreak|dan|unrestricted) mode " +
        "| (?:developer|jailbreak|dan|god) mode (?:enabled|activated|on) | do anything now | dan prompt " +
        "| your (?:new|real|true|actual) (?:instructions|orders) (?:are|is) " +
        "| (?:du bist (?:jetzt|nun|ab jetzt|ab sofort|von nun an)|(?:ab jetzt|ab sofort|von nun an|jetzt) bist du) (?:eine? )?(?:ki|assistent|chatbot|modell)? ?(?:uneingeschrankt|ohne (?:einschrankungen|regeln|filter|grenzen)|frei von (?:regeln|einschrankungen)|nicht mehr an (?:regeln|richtlinien)) " +
        "| (?:handelst du als|antwortest du als|tu so als waerst du|tu so als warst du) (?:eine? )?(?:uneingeschrankte|ungefilterte|bose)? ?(?:ki|assistent) ohne " +
        "| (?:tu es|vous etes) (?:maintenant|desormais|a present|dorenavant) (?:une? )?(?:ia|assistant|modele)? ?(?:libre de|sans (?:restrictions|limites|regles|filtres)|debride) " +
        "| (?:agis|agissez|fais comme si tu etais) (?:comme )?(?:une? )?(?:ia|assistant) (?:sans|libre|debride) " +
        "| (?:ahora eres|ahora sos|a partir de ahora eres|desde ahora eres) (?:una? )?(?:ia|asistente|modelo)? ?(?:libre de|sin (?:restricciones|limites|reglas|filtros)) " +
        "| (?:actua|actuas|finge ser) (?:como )?(?:una? )?(?:ia|asistente) (?:sin|libre) " +
        "| (?:sei ora|ora sei) (?:un )?(?:ia|assistente)? ?senza (?:restrizioni|regole|limiti) " +
        "| (?:voce agora e|agora voce e) (?:uma? )?(?:ia|assistente)? ?sem (?:restricoes|regras|limites) ";

    /// <summary>"Reveal your system prompt", "repeat the words above", "zeige deinen Systemprompt", "muestra tus instrucciones".</summary>
    private const string Extraction =
        " (?:reveal|show|print|display|output|repeat|recite|tell|give|leak|dump|expose|share|write|spell out|paste|return|echo|what (?:is|are|was|were)|summarize|translate) " + W + "{0,3}" +
        "(?:system|hidden|secret|developer|internal|pre|confidential) ?(?:prompt|prompts|instructions|message) " +
        "| (?:reveal|show|print|display|output|repeat|recite|leak|dump|expose|tell me|give me|write out|what are|what were) (?:me |us )?(?:your|its|the assistant s|the ai s) (?:original |initial |first |full |exact |entire |complete |hidden |secret |underlying )?(?:prompt|instructions|system prompt|configuration) " +
        "| (?:repeat|print|output|recite) (?:" + W + "{0,3})?(?:words|text|everything|all) (?:above|before this|preceding|prior to this|that came before) " +
        "| (?:starting|beginning) with you are (?:a|an|chatgpt) " +
        "| (?:show|print|display|reveal|zeige|zeig) " + W + "{0,3}prompt ?(?:texts?|texte) " +
        "| (?:written|said) at the beginning of (?:this|the) prompt " +
        "| (?:print|display|show) (?:the |this )?above prompt | spell ?check and (?:print|display) (?:the |this )?(?:above )?prompt " +
        "| (?:my|your) (?:system prompt|hidden instructions|secret instructions|initial instructions) (?:is|are|says|reads) " +
        "| (?:system ?prompt|prompt systeme|prompt del sistema) (?:" + W + "{0,2})?(?:verbatim|word for word|wortlich|mot pour mot|palabra por palabra) " +
        "| (?:zeige|zeig|verrate|gib|nenne|wiederhole|drucke) " + W + "{0,3}(?:system ?prompt|systemanweisungen|systemnachricht|anfangsanweisungen|ursprunglichen anweisungen|versteckten anweisungen|geheimen anweisungen) " +
        "| (?:revele|revelez|reveler|montre|montrez|affiche|affichez|donne|donnez|repete|repetez|dis moi|dites moi) " + W + "{0,3}(?:prompt systeme|invite systeme|instructions systeme|instructions initiales|instructions cachees|instructions secretes|consignes systeme|message systeme|(?:tes|vos) instructions (?:initiales|cachees|secretes|d origine)) " +
        "| (?:revela|revelame|muestra|muestrame|dime|repite|imprime|ensename) " + W + "{0,3}(?:prompt del sistema|instrucciones del sistema|mensaje del sistema|instrucciones iniciales|instrucciones ocultas|instrucciones secretas|tus instrucciones (?:iniciales|ocultas|secretas|originales)) " +
        "| (?:mostra|rivela|ripeti) " + W + "{0,3}(?:prompt di sistema|istruzioni di sistema|istruzioni nascoste) " +
        "| (?:mostre|revele|repita) " + W + "{0,3}(?:prompt do sistema|instrucoes do sistema|instrucoes ocultas) ";

    /// <summary>Negated reminders ("don't forget your instructions") are the opposite of an override.</summary>
    private static readonly string[] s_negations = [" don t forget ", " dont forget ", " do not forget ", " never forget ", " n oubliez pas ", " n oublie pas ", " no olvides ", " no olvide ", " nicht vergessen ", " non dimenticare "];

    private static readonly Regex s_override = Create(OverrideEarlier + "|" + NewPersona);
    private static readonly Regex s_extraction = Create(Extraction);

    public static bool IsOverride(string folded)
    {
        foreach (var negation in s_negations)
        {
            folded = folded.Replace(negation, " remember ", StringComparison.Ordinal);
        }

        return s_override.IsMatch(folded);
    }

    public static bool IsExtraction(string folded) => s_extraction.IsMatch(folded);

    private static Regex Create(string pattern) =>
        new(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
