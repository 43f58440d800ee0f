using System.Buffers;
using System.Text.RegularExpressions;

namespace Warden.Detection.Rules;

/// <summary>
/// The built-in rules. Each targets one attack shape in several languages and is written to stay
/// silent on the look-alike benign text (an email that says "ignore my previous email", an article
/// about jailbreaks). Text is normalised first, so disguises need no pattern of their own.
/// </summary>
public static partial class InjectionRules
{
    /// <summary>
    /// The score of a rule whose pattern also appears in benign text (chat templates in configuration,
    /// security articles that quote "reveal the system prompt"): below the threshold on its own, so it
    /// flags a text only together with some suspicion from the model (combined, it reaches 0.5 when
    /// the model gives about 0.09). The other rules are the patterns that must never be missed and
    /// flag on their own.
    /// </summary>
    public const double Evidence = 0.45;

    /// <summary>The rules, in the order they are tried.</summary>
    public static IReadOnlyList<InjectionRule> All { get; } =
    [
        new("rule.ignore-previous", 0.97, IgnorePrevious(), Anchors("ignor", "disregard", "forget", "overrid", "bypass", "skip", "abandon", "discard")),
        new("rule.ignore-previous-multilingual", 0.97, IgnorePreviousMultilingual(), Anchors(
            "ignor", "vergiss", "missachte", "olvida", "dimentica", "esqueca", "negeer", "vergeet", "игнорир", "забудь", "忽略", "无视",
            "忘记", "無視", "忘れ", "무시", "잊", "zignoruj", "zapomnij", "yok say", "gormezden", "unut", "अनदेखा", "भूल", "تجاهل")),
        new("rule.chat-template-marker", Evidence, ChatTemplateMarker(), Anchors(
            "<|", "[inst]", "[/inst]", "<<", "[system]", "[/system]", "<sys", "</sys", "</user>", "</human>", "</assistant>", "</ai>", "</model>",
            "</bot>", "###", "system prompt", "developer prompt",
            "system message", "developer message", "system instructions", "developer instructions")),
        new("rule.new-instructions", Evidence, NewInstructions(), Anchors("instruction", "task", "orders", "directive", "system prompt", "goal", "purpose", "objective", "from now on")),
        new("rule.prompt-extraction", Evidence, PromptExtraction(), Anchors("prompt", "instructions", "developer message", "repeat")),
        new("rule.persona-jailbreak", 0.95, PersonaJailbreak(), Anchors(
            "anything now", "dan mode", " mode", "you are", "no restrictions", "no rules", "no filters", "no guidelines", "no limitations",
            "no content policy", "safety", "content", "ethical")),
        new("rule.addressed-to-ai", Evidence, AddressedToAi(), Anchors("ai", "assistant", "agent", "llm", "language model", "chatbot", "bot", "model")),
        new("rule.markdown-exfiltration", 0.9, MarkdownExfiltration(), Anchors("![")),
    ];

    private static SearchValues<string> Anchors(params string[] values) => SearchValues.Create(values, StringComparison.Ordinal);

    private const RegexOptions Options = RegexOptions.CultureInvariant;

    // An instruction word needs a qualifier that points at the agent's own instructions (all, your, any,
    // previous, above, system ...): "ignore the instructions in my previous email" is left alone.
    [GeneratedRegex(@"\b(ignore|disregard|forget|override|bypass|skip|abandon|discard)\s+(the\s+|of\s+)?((all|any|every|each|your|these|those|everything)\s+)+((the|of|your|my|prior|previous|above|earlier|initial|original|system|existing|former|old|developer|safety|preceding)\s+)*(instructions?|prompts?|directives?|rules|guidelines|context|programming|constraints|commands|guardrails)\b|\b(ignore|disregard|forget|override|bypass|skip|abandon|discard)\s+(the\s+|your\s+|all\s+|any\s+)?(previous|prior|preceding|above|earlier|initial|original|system|existing|former|developer)\s+(\w+\s+)?(instructions?|prompts?|directives?|rules|guidelines|context|programming|constraints|commands|guardrails)\b|\b(ignore|disregard|forget)\s+(all\s+|everything\s+|the\s+)?(that\s+|what\s+)?(was\s+|is\s+)?(written\s+|said\s+|stated\s+)?(above|before\s+this)\b", Options)]
    private static partial Regex IgnorePrevious();

    [GeneratedRegex(@"(ignorier\w*|vergiss|missachte)\s+(\w+\s+){0,2}(anweisungen|instruktionen|befehle|regeln)|ignor\w*\s+(toutes\s+)?(les\s+)?(instructions|consignes)\s+(precedentes|anterieures|ci-dessus)|(ignora|olvida)\w*\s+(todas\s+)?(las\s+)?(instrucciones|indicaciones)\s+(anteriores|previas)|(ignora|dimentica)\s+(tutte\s+)?(le\s+)?(istruzioni)\s+(precedenti)|(ignore|esqueca)\s+(todas\s+)?(as\s+)?(instrucoes)\s+(anteriores)|(negeer|vergeet)\s+(alle\s+)?(vorige|eerdere)\s+(instructies)|игнорир\w*\s+(\S+\s+){0,2}инструкц|забудь\s+(\S+\s+){0,2}инструкц|(忽略|无视|忘记)\S{0,6}(指令|指示|说明|提示)|(以前|前|上記)の(指示|命令)\S{0,4}(無視|忘れ)|이전\s*(지시|명령)\S{0,4}\s*(무시|잊)|(zignoruj|zapomnij)\s+(\w+\s+){0,2}(instrukcje|polecenia)|(onceki|yukaridaki)\s+(talimatlari|komutlari)\s+(yok\s+say|gormezden\s+gel|unut)|(पिछले|पिछली)\s+(सभी\s+)?(निर्देश|निर्देशों)\S*\s+(को\s+)?(अनदेखा|भूल)|تجاهل\s+(\S+\s+){0,2}(التعليمات|الأوامر)", RegexOptions.CultureInvariant)]
    private static partial Regex IgnorePreviousMultilingual();

    [GeneratedRegex(@"<\|(im_start|im_end|system|assistant|user|endoftext)\|>|\[/?inst\]|<<\s*/?sys\s*>>|\[/?system\]|</?(system|system_prompt|sys)(\s[^<>]{0,200})?/?>|</(user|human|assistant|ai|model|bot)>\s*</?(user|human|assistant|ai|model|bot|system|sys)(\s[^<>]{0,200})?>|###\s*(system|new\s+instructions?|instruction)\b|\b(begin|end)\s+(system|developer)\s+(prompt|message|instructions)\b", Options)]
    private static partial Regex ChatTemplateMarker();

    [GeneratedRegex(@"\b(new|updated|real|actual|true|revised|additional|secret|hidden)\s+(instructions?|task|orders|directives?|system\s+prompt)\s*(:|follow|are|is)|\byour\s+(new|real|actual|true)\s+(task|goal|instructions?|purpose|objective)\s+(is|are)\b|\bfrom\s+now\s+on,?\s+(you|your)\s+(will|must|are|should|only)\b", Options)]
    private static partial Regex NewInstructions();

    [GeneratedRegex(@"\b(reveal|print|show|output|repeat|display|leak|dump|share|tell\s+me|give\s+me|what\s+(is|are|were))\s+(\w+\s+){0,3}(your|the)\s+(system\s+prompt|initial\s+(instructions|prompt)|hidden\s+(instructions|prompt)|original\s+(instructions|prompt)|instructions\s+(above|you\s+were\s+given)|prompt\s+above|developer\s+(instructions|message))|\brepeat\s+(the\s+|all\s+)?(text|words|everything|content)\s+(above|before\s+this)\b", Options)]
    private static partial Regex PromptExtraction();

    [GeneratedRegex(@"\bdo\s+anything\s+now\b|\bdan\s+mode\b|\b(dan|god|jailbreak|jailbroken|unrestricted|evil)\s+mode\s+(enabled|activated|on)\b|\bdeveloper\s+mode\s+(enabled|activated)\b|\byou\s+are\s+(now\s+)?(dan|an?\s+unrestricted|free\s+from\s+(all\s+)?(restrictions|rules|guidelines)|no\s+longer\s+bound|not\s+bound\s+by)|\b(pretend|act\s+as\s+if|imagine)\s+(that\s+)?you\s+(have|had)\s+no\s+(restrictions|rules|filters|guidelines|limitations|content\s+policy)|\b(ignore|bypass|disable|turn\s+off)\s+(your|all|any)\s+(safety|content|ethical)\s+(policy|policies|guidelines|filters|restrictions)", Options)]
    private static partial Regex PersonaJailbreak();

    [GeneratedRegex(@"\b(note|message|instructions?|attention|reminder|important)\s+(to|for)\s+(the\s+|any\s+)?(ai|assistant|agent|llm|language\s+model|chatbot|bot|model)\b|\bif\s+you\s+are\s+an?\s+(ai|llm|language\s+model|assistant|agent|bot)\b|\b(ai|assistant|agent|llm|model)s?\s+(reading|processing|summari[sz]ing|parsing)\s+(this|these)\b", Options)]
    private static partial Regex AddressedToAi();

    [GeneratedRegex(@"!\[[^\]\n]{0,80}\]\(https?://[^)\s]{1,200}[?&][a-z_]{1,20}=\s*[{\[<$%]?\s*(data|secret|password|token|conversation|chat|history|summary|email|info|context|memory|key)", Options)]
    private static partial Regex MarkdownExfiltration();
}
